using System.Reflection;

namespace Actors.Cluster;

/// <summary>
/// The ready cluster config of the repository's <c>HOCON/cluster.conf</c>, embedded in this assembly: every
/// process a member, the Split Brain Resolver and DistributedPubSub on, our TCP as the transport with the fast lane
/// choosing shared-memory rings by itself between members of one machine.
/// </summary>
/// <remarks>
/// Put your seed nodes and changes in front of it:
/// <c>ConfigurationFactory.ParseString("akka.cluster.seed-nodes = [...]").WithFallback(ActorsClusterHocon.Cluster)</c>.
/// It binds user messages to Hyperion: reference Actors.Serialization.Hyperion too. The transport-only
/// configs are <c>Actors.Remote.Configuration.ActorsHocon</c>.
/// </remarks>
public static class ActorsClusterHocon
{
    private const string ResourceName = "Actors.Cluster.HOCON.cluster.conf";

    private static readonly Lazy<string> s_cluster = new(() => Read(typeof(ActorsClusterHocon).Assembly));

    /// <summary>The cluster config (<c>cluster.conf</c>), comments included.</summary>
    public static string Cluster => s_cluster.Value;

    private static string Read(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource missing: name={ResourceName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
