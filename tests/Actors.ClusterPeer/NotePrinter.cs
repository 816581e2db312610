using Akka.Actor;

namespace Actors.ClusterPeer;

/// <summary>Prints every note it receives as <c>GOT &lt;publisher&gt; &lt;seq&gt;</c>, for the test to check.</summary>
internal sealed class NotePrinter : ReceiveActor
{
    public NotePrinter()
    {
        Receive<Note>(n => Console.WriteLine($"GOT {n.Publisher} {n.Seq}"));
    }
}
