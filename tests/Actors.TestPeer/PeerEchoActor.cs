using Actors.Supervision.Delivery;
using Actors.TestSupport;
using Akka.Actor;

namespace Actors.TestPeer;

/// <summary>Echoes every message to its sender; on <see cref="SendTo"/> it starts a conversation itself, on <see cref="StartConsuming"/> it consumes jobs.</summary>
public sealed class PeerEchoActor : EchoActor
{
    protected override bool TryCommand(object message)
    {
        switch (message)
        {
            case SendTo request:
                for (var i = 0; i < request.Count; i++)
                {
                    request.Target.Tell(new FromPeer(i, Environment.ProcessId));
                }

                return true;
            case StartConsuming start:
                Context.ActorOf(
                    ReliableConsumer<Job>.Props(start.ProducerController, job => start.Collector.Tell(new Processed(job.Id, Environment.ProcessId))),
                    "consumer");
                return true;
            default:
                return false;
        }
    }
}
