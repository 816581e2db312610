using Actors.Remote.DeathWatch;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;
using Akka.Remote;

namespace Actors.Remote.Provider;

/// <summary>
/// Akka's remote provider, aware of processes: configure
/// <c>akka.actor.provider = "Actors.Remote.Provider.ProcessAwareRemoteActorRefProvider, Actors.Remote"</c>.
/// <list type="bullet">
/// <item>A crashed peer on a local transport reaches its watchers as <see cref="Terminated"/> as soon as
/// the transport confirms that its process is gone (<see cref="ProcessAwareRemoteWatcher"/>).</item>
/// <item>With <c>akka.remote.actors.lane.enabled = on</c> (the one switch) and shm enabled, references to
/// user actors of shm peers are lane references: a plain <c>Tell</c> carries the message through a ring
/// straight into the target's mailbox; everything else keeps the classic path.</item>
/// </list>
/// </summary>
public class ProcessAwareRemoteActorRefProvider(string systemName, Settings settings, EventStream eventStream)
    : RemoteActorRefProvider(systemName, settings, eventStream), IProcessAwareProvider
{
    /// <summary>What this provider adds to Akka's; null until <see cref="Init"/>.</summary>
    public ProcessAwareRemoting? Remoting { get; private set; }

    /// <inheritdoc />
    public override void Init(ActorSystemImpl system)
    {
        base.Init(system);
        Remoting = ProcessAwareRemoting.Start(system, this);
    }

    /// <inheritdoc />
    protected override IActorRef CreateRemoteWatcher(ActorSystemImpl system) =>
        ProcessAwareRemoting.StartRemoteWatcher<ProcessAwareRemoteWatcher>(system, RemoteSettings, CreateRemoteWatcherFailureDetector(system));

    /// <inheritdoc />
    protected override IInternalActorRef CreateRemoteRef(ActorPath actorPath, Address localAddress) =>
        Remoting?.CreateRemoteRef(Transport, actorPath, localAddress) ?? base.CreateRemoteRef(actorPath, localAddress);
}
