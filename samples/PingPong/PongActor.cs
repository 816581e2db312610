using Akka.Actor;

namespace PingPong;

/// <summary>The partner's side: answers every ping.</summary>
public sealed class PongActor : ReceiveActor
{
    public const string Name = "ponger";

    public PongActor() => Receive<Ping>(ping => Sender.Tell(new Pong(ping.Seq)));
}
