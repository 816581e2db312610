using System.Runtime.CompilerServices;
using Actors.Remote.Provider;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Diagnostics;

/// <summary>
/// Warns, once per actor system, when Actors' transports or the lane are configured but the provider
/// is not one of ours: Akka's own remote provider runs our transports without fast death news and
/// ignores the lane, silently. It happens when another piece of setup replaces the provider, such as
/// Akka.Remote.Hosting's <c>WithRemoting()</c> called after ours.
/// </summary>
public static class ProviderCheck
{
    /// <summary>The provider to configure for remoting.</summary>
    public const string RemoteProvider = "Actors.Remote.Provider.ProcessAwareRemoteActorRefProvider, Actors.Remote";

    /// <summary>The provider to configure for a cluster.</summary>
    public const string ClusterProvider = "Actors.Cluster.ActorsClusterActorRefProvider, Actors.Cluster";

    private const string TransportPrefix = "akka.remote.actors.";

    // Each transport of a system calls Warn; the warning is said once.
    private static readonly ConditionalWeakTable<ActorSystem, object> s_checked = [];

    /// <summary>What is wrong with the provider for the configured transports and lane; empty when nothing is.</summary>
    public static IReadOnlyList<string> Problems(ActorSystem system)
    {
        var provider = ((ExtendedActorSystem)system).Provider;
        if (provider is IProcessAwareProvider)
        {
            return [];
        }

        var config = system.Settings.Config;
        var problems = new List<string>();
        var ours = config.GetStringList("akka.remote.enabled-transports", [])
            .Where(t => t.StartsWith(TransportPrefix, StringComparison.Ordinal))
            .ToArray();
        var found = provider.GetType().FullName;
        if (ours.Length > 0)
        {
            problems.Add(
                $"Actors transport runs under a provider that is not ours: transports={string.Join(",", ours)}, provider={found}; " +
                $"peers' deaths are detected late and the lane is off. Set akka.actor.provider = \"{RemoteProvider}\" " +
                $"(or \"{ClusterProvider}\"); with Akka.Hosting, let WithActorsRemoting set it: WithRemoting() replaces a provider set in HOCON.");
        }

        if (config.GetBoolean("akka.remote.actors.lane.enabled", false))
        {
            problems.Add(
                $"akka.remote.actors.lane.enabled = on is ignored: provider={found} does not honour it; use akka.actor.provider = \"{RemoteProvider}\".");
        }

        return problems;
    }

    /// <summary>Logs each of <see cref="Problems"/> as a Warning, the first time it is called for <paramref name="system"/>.</summary>
    public static void Warn(ActorSystem system, ILoggingAdapter log)
    {
        var first = false;
        s_checked.GetValue(system, _ =>
        {
            first = true;
            return new object();
        });
        if (!first)
        {
            return;
        }

        foreach (var problem in Problems(system))
        {
            log.Warning(problem);
        }
    }
}
