using Akka.Actor;
using Akka.Event;

namespace Actors.TestPeer;

/// <summary>Counts every <see cref="DeadLetter"/> on the event stream: how a user sees what a bounded mailbox dropped.</summary>
public sealed class DeadLetterCounter : ReceiveActor
{
    public DeadLetterCounter(FloodCounters counters)
    {
        Receive<DeadLetter>(_ => counters.CountDeadLetter());
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
}
