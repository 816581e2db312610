using Akka.Actor;

namespace Actors.ClusterPeer;

/// <summary>Sends every message back to its sender; answers <see cref="DescribeSender"/> with the kind of reference the sender is.</summary>
public sealed class EchoActor : ReceiveActor
{
    public const string Name = "echo";

    public EchoActor()
    {
        Receive<DescribeSender>(_ => Sender.Tell(Sender.GetType().Name));
        ReceiveAny(message => Sender.Tell(message));
    }
}
