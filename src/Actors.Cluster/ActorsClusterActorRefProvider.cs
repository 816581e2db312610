using Actors.Remote.Provider;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Cluster;
using Akka.Event;

namespace Actors.Cluster;

/// <summary>
/// Akka's cluster provider with what the process-aware remote provider adds (composed through
/// <see cref="ProcessAwareRemoting"/>): configure it with
/// <c>akka.actor.provider = "Actors.Cluster.ActorsClusterActorRefProvider, Actors.Cluster"</c>.
/// <list type="bullet">
/// <item>Fast death news: when a local transport confirms that a member's process is gone, that member
/// is downed at once (<see cref="ConfirmedDeathDowning"/>) instead of after the failure detector and
/// the Split Brain Resolver's stable-after; a watched process outside the cluster is marked terminated
/// at once (<see cref="ProcessAwareClusterRemoteWatcher"/>), as under our remote provider.</item>
/// <item>The fast lane, when <c>akka.remote.actors.lane.enabled = on</c> and shm is enabled: references
/// to user actors of members on this machine are lane references, exactly as under
/// <see cref="ProcessAwareRemoteActorRefProvider"/>; the cluster's own traffic (gossip, heartbeats, pub-sub
/// mediators, all under <c>/system</c>) keeps the classic path.</item>
/// </list>
/// </summary>
/// <remarks>
/// For cluster members a watch turns into <see cref="Terminated"/> only when the member is removed:
/// downing is the one lever that reaches every watcher, on every node, so that is what the provider
/// pulls.
/// </remarks>
public class ActorsClusterActorRefProvider(string systemName, Settings settings, EventStream eventStream)
    : ClusterActorRefProvider(systemName, settings, eventStream), IProcessAwareProvider
{
    /// <summary>What the process-aware provider adds; null until <see cref="Init"/>.</summary>
    public ProcessAwareRemoting? Remoting { get; private set; }

    /// <inheritdoc />
    public override void Init(ActorSystemImpl system)
    {
        base.Init(system);
        system.SystemActorOf(Props.Create(() => new ConfirmedDeathDowning()), "confirmed-death-downing");
        Remoting = ProcessAwareRemoting.Start(system, this);
    }

    /// <inheritdoc />
    protected override IActorRef CreateRemoteWatcher(ActorSystemImpl system)
    {
        // The cluster extension first, from this thread, as Akka's cluster provider does: the watcher subscribes to it.
        Akka.Cluster.Cluster.Get(system);
        return ProcessAwareRemoting.StartRemoteWatcher<ProcessAwareClusterRemoteWatcher>(system, RemoteSettings, CreateRemoteWatcherFailureDetector(system));
    }

    /// <inheritdoc />
    protected override IInternalActorRef CreateRemoteRef(ActorPath actorPath, Address localAddress) =>
        Remoting?.CreateRemoteRef(Transport, actorPath, localAddress) ?? base.CreateRemoteRef(actorPath, localAddress);
}
