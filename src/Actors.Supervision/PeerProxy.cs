using Akka.Actor;
using Akka.Event;

namespace Actors.Supervision;

/// <summary>
/// The handle users hold for a supervised peer: a local actor that forwards every message (with its
/// sender) to the peer's target actor, wherever the current incarnation of the peer listens. While
/// the peer is down or restarting, messages wait in a bounded buffer and leave once it is back.
/// </summary>
internal sealed class PeerProxy : ReceiveActor
{
    /// <summary>The peer's target actor is reachable at <paramref name="Target"/>.</summary>
    internal sealed record PeerUp(IActorRef Target);

    /// <summary>The peer is gone; buffer until the next <see cref="PeerUp"/>.</summary>
    internal sealed record PeerDown;

    private readonly int _bufferLimit;
    private readonly Queue<(object Message, IActorRef Sender)> _waiting = new();

    public PeerProxy(int bufferLimit)
    {
        _bufferLimit = bufferLimit;
        Become(Down);
    }

    private void Down()
    {
        Receive<PeerUp>(up =>
        {
            while (_waiting.TryDequeue(out var waiting))
            {
                up.Target.Tell(waiting.Message, waiting.Sender);
            }

            Become(() => Up(up.Target));
        });
        Receive<PeerDown>(_ => { });
        ReceiveAny(message =>
        {
            if (_waiting.Count >= _bufferLimit)
            {
                // Bounded: the oldest message gives way and is reported as a dead letter.
                var (dropped, sender) = _waiting.Dequeue();
                Context.System.DeadLetters.Tell(new DeadLetter(dropped, sender, Self));
            }

            _waiting.Enqueue((message, Sender));
        });
    }

    private void Up(IActorRef target)
    {
        Receive<PeerUp>(up => Become(() => Up(up.Target)));
        Receive<PeerDown>(_ => Become(Down));
        ReceiveAny(message => target.Tell(message, Sender));
    }
}
