using Actors.Supervision.Delivery;
using Akka.Actor;

namespace Actors.TestPeer;

/// <summary>Echoes every message to its sender; on <see cref="SendTo"/> it starts a conversation itself.</summary>
public sealed class EchoActor : ReceiveActor
{
    public const string Name = "echo";

    public EchoActor()
    {
        Receive<SendTo>(request =>
        {
            for (var i = 0; i < request.Count; i++)
            {
                request.Target.Tell(new FromPeer(i, Environment.ProcessId));
            }
        });
        Receive<StartConsuming>(start => Context.ActorOf(
            ReliableConsumer<Job>.Props(start.ProducerController, job => start.Collector.Tell(new Processed(job.Id, Environment.ProcessId))),
            "consumer"));
        ReceiveAny(message => Sender.Tell(message));
    }
}
