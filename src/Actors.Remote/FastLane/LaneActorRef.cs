using Akka.Actor;
using Akka.Remote;

namespace Actors.Remote.FastLane;

/// <summary>
/// A reference to an actor in a peer process on this machine. <c>Tell</c> takes the lane to that
/// process when one is open and the message is a user message to a user actor; otherwise, and for
/// everything a <see cref="RemoteActorRef"/> does besides <c>Tell</c>, it is Akka's remote reference.
/// </summary>
internal sealed class LaneActorRef : RemoteActorRef
{
    private readonly LaneHub _hub;
    private readonly bool _eligible;
    private OutboundLane? _lane;

    internal LaneActorRef(LaneHub hub, RemoteTransport remote, Address localAddressToUse, ActorPath path)
        : base(remote, localAddressToUse, path, ActorRefs.Nobody, Props.None, Deploy.None)
    {
        _hub = hub;
        // Only user actors and temporary ones (Ask) are lane traffic: Akka's own actors under
        // /system and /remote speak their protocols over the classic path they were built for.
        var top = path.Elements.Count > 0 ? path.Elements[0] : string.Empty;
        _eligible = top is "user" or "temp";
    }

    /// <inheritdoc />
    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is null)
        {
            throw new InvalidMessageException("Message is null.");
        }

        if (!_eligible || message is ActorSelectionMessage)
        {
            base.TellInternal(message, sender);
            return;
        }

        (_lane ??= _hub.LaneTo(Path.Address)).Send(this, message, sender);
    }

    /// <summary>The classic path, for a lane that is not open.</summary>
    internal void TellClassic(object message, IActorRef sender) => base.TellInternal(message, sender);
}
