using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;
using Akka.Remote;

namespace Actors.Remote.DeathWatch;

/// <summary>
/// Akka's remote provider with a <see cref="ProcessAwareRemoteWatcher"/>: configure it with
/// <c>akka.actor.provider = "Actors.Remote.DeathWatch.ActorsRemoteActorRefProvider, Actors.Remote"</c>
/// so that a crashed peer on a local transport reaches its watchers as <see cref="Terminated"/> at once.
/// </summary>
public class ActorsRemoteActorRefProvider(string systemName, Settings settings, EventStream eventStream)
    : RemoteActorRefProvider(systemName, settings, eventStream)
{
    protected override IActorRef CreateRemoteWatcher(ActorSystemImpl system) =>
        ProcessAwareRemoteWatcher.Start<ProcessAwareRemoteWatcher>(system, RemoteSettings, CreateRemoteWatcherFailureDetector(system));
}
