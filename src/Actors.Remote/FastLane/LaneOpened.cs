using Actors.Remote.DeathWatch;
using Akka.Actor;
using Akka.Remote;

namespace Actors.Remote.FastLane;

/// <summary>
/// The barrier that opens a lane, sent over the classic path once the lane's segment is mapped:
/// when the receiving side sees it, every message sent the classic way before it is already in its
/// recipient's mailbox, so the lane's messages may follow without overtaking any of them.
/// </summary>
/// <param name="Segment">The lane's segment file name, which both sides know.</param>
internal sealed record LaneOpened(string Segment);

/// <summary>
/// The lane's actor at <c>/system/actors-lane</c>: it receives <see cref="LaneOpened"/> barriers, closes
/// the lanes of a peer Akka quarantines, and removes the lane listener file of a peer whose process has exited.
/// </summary>
internal sealed class LaneBarrierActor : ReceiveActor
{
    /// <summary>The actor's name under <c>/system</c>.</summary>
    public const string Name = "actors-lane";

    public LaneBarrierActor(LaneHub hub)
    {
        Receive<LaneOpened>(opened => hub.Release(opened.Segment));
        // A peer's process is gone: its lane listener's file is left only if a SIGKILL stopped it removing it.
        Receive<PeerProcessExited>(exited => hub.ReclaimListenerFileOf(exited.Address));
        // The same rule as the classic path: a quarantined incarnation gets nothing more, by either path.
        Receive<QuarantinedEvent>(quarantined => hub.Quarantine(new LanePeer(quarantined.Address, quarantined.Uid)));
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(PeerProcessExited));
        Context.System.EventStream.Subscribe(Self, typeof(QuarantinedEvent));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
