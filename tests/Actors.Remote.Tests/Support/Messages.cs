using Akka.Actor;

namespace Actors.Remote.Tests.Support;

public sealed record Ping(int Seq, string Text);

/// <summary>The answer to a <see cref="Ping"/>: a reply that is the request itself is not one.</summary>
public sealed record Pong(int Seq);

public sealed record Blob(byte[] Data);

public sealed record Numbered(int Seq);

/// <param name="Received">Messages received in all.</param>
/// <param name="InOrder">Messages that came exactly when their turn was due.</param>
public sealed record SequenceReport(int Received, int InOrder);

/// <summary>Counts <see cref="Numbered"/> messages, checks they come in order, and reports after the last.</summary>
public sealed class SequenceCheckerActor : ReceiveActor
{
    public SequenceCheckerActor(int expected)
    {
        var received = 0;
        var inOrder = 0;
        Receive<Numbered>(message =>
        {
            // A lost message stalls the count; a duplicate or a swap shows as InOrder < Received.
            if (message.Seq == inOrder)
            {
                inOrder++;
            }

            received++;
            if (received == expected)
            {
                Sender.Tell(new SequenceReport(received, inOrder));
            }
        });
    }
}

/// <summary>Hands everything to another actor (a probe), keeping the sender.</summary>
public sealed class ForwardingActor : ReceiveActor
{
    public ForwardingActor(IActorRef to) => ReceiveAny(to.Forward);
}
