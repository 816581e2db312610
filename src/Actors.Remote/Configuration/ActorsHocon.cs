using System.Collections.Frozen;

namespace Actors.Remote.Configuration;

/// <summary>
/// The ready configs of the repository's <c>HOCON/</c> folder, embedded in this assembly: start a system
/// from one without any file, e.g. <c>ActorSystem.Create("app", ActorsHocon.Uds)</c>, or put your changes
/// in front of it (<c>ConfigurationFactory.ParseString("akka.remote.actors.uds.port = 7000").WithFallback(ActorsHocon.Uds)</c>).
/// </summary>
/// <remarks>
/// Every one binds user messages to Hyperion: reference Actors.Serialization.Hyperion too, or bind your own
/// serializer in front. The cluster config is <c>Actors.Cluster.ActorsClusterHocon.Cluster</c>. Each text is
/// the file as shipped, comments included, so it reads as the documentation of what it sets.
/// </remarks>
public static class ActorsHocon
{
    private const string ResourcePrefix = "Actors.Remote.HOCON.";
    private const string ResourceSuffix = ".conf";

    private static readonly FrozenDictionary<string, string> s_configs = Load();

    /// <summary>Unix-domain sockets between processes of one user on one machine (<c>uds.conf</c>).</summary>
    public static string Uds => Get("uds");

    /// <summary>Plain TCP, also between hosts (<c>tcp.conf</c>).</summary>
    public static string Tcp => Get("tcp");

    /// <summary>TCP under TLS with a shared secret (<c>tls.conf</c>); name your certificate and secret files before use.</summary>
    public static string Tls => Get("tls");

    /// <summary>Shared-memory rings between processes on one machine (<c>shm.conf</c>).</summary>
    public static string Shm => Get("shm");

    /// <summary>Shared memory with the fast lane for user messages (<c>lane.conf</c>).</summary>
    public static string Lane => Get("lane");

    /// <summary>TCP with the fast lane, which takes a shared-memory ring by itself to a peer of this machine and user (<c>auto.conf</c>).</summary>
    public static string Auto => Get("auto");

    /// <summary>Named pipes: Unix-domain sockets on Linux, real named pipes on Windows (<c>pipe.conf</c>).</summary>
    public static string Pipe => Get("pipe");

    /// <summary>FIFOs, a pair per connection (<c>fifo.conf</c>).</summary>
    public static string Fifo => Get("fifo");

    /// <summary>Anonymous pipes between a parent and the children it starts (<c>apipe.conf</c>).</summary>
    public static string AnonymousPipe => Get("apipe");

    /// <summary>Unix-domain sockets with memory bounds: a slow consumer drops and counts instead of growing (<c>bounded.conf</c>).</summary>
    public static string Bounded => Get("bounded");

    /// <summary>The names of every embedded config, as their files are named without <c>.conf</c>.</summary>
    public static IReadOnlyCollection<string> Names => s_configs.Keys;

    /// <summary>The config named <paramref name="name"/> (<c>uds</c>, <c>tcp</c>, ...; see <see cref="Names"/>).</summary>
    /// <exception cref="ArgumentException">No config has that name; the message lists the names there are.</exception>
    public static string Get(string name) =>
        s_configs.TryGetValue(name, out var hocon)
            ? hocon
            : throw new ArgumentException($"no shipped config: name={name}, known={string.Join(",", s_configs.Keys.Order())}", nameof(name));

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(ActorsHocon).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            .ToFrozenDictionary(
                r => r[ResourcePrefix.Length..^ResourceSuffix.Length],
                r => EmbeddedText.Read(assembly, r));
    }
}
