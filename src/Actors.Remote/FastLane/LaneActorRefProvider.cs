using Actors.Remote.DeathWatch;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>
/// The remote provider with the fast lane: configure
/// <c>akka.actor.provider = "Actors.Remote.FastLane.LaneActorRefProvider, Actors.Remote"</c> and
/// <c>akka.remote.actors.lane.enabled = on</c>. References to actors of peers on the shared-memory
/// transport are <see cref="LaneActorRef"/>s: a plain <c>Tell</c> on them carries the message through a
/// ring straight into the target's mailbox, past Akka.Remote's endpoint; everything else (system
/// messages, DeathWatch, actor selection, Akka's own actors) keeps the classic path.
/// </summary>
public class LaneActorRefProvider(string systemName, Settings settings, EventStream eventStream)
    : ActorsRemoteActorRefProvider(systemName, settings, eventStream)
{
    /// <summary>The lanes of this system; null when the lane is off or not started yet.</summary>
    internal LaneHub? Hub { get; private set; }

    /// <inheritdoc />
    public override void Init(ActorSystemImpl system)
    {
        base.Init(system);
        Hub = LaneInstaller.Start(system, this);
    }

    /// <inheritdoc />
    protected override IInternalActorRef CreateRemoteRef(ActorPath actorPath, Address localAddress) =>
        LaneInstaller.CreateRemoteRef(Hub, Transport, actorPath, localAddress) ?? base.CreateRemoteRef(actorPath, localAddress);
}
