using Akka.Actor;

namespace Consumer;

/// <summary>Runs in the second process: answers each <see cref="Ping"/> with a <see cref="Pong"/>.</summary>
public sealed class PongActor : ReceiveActor
{
    public const string Name = "pong";

    public PongActor() =>
        Receive<Ping>(ping => Sender.Tell(new Pong(ping.Text, Environment.ProcessId)));
}
