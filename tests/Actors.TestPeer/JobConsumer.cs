using Akka.Actor;
using Akka.Delivery;
using Akka.Util;

namespace Actors.TestPeer;

/// <summary>A unit of work sent through Akka.Delivery; <paramref name="Id"/> is unique per job.</summary>
public sealed record Job(int Id);

/// <summary>Reported to the collector for every job this process handled.</summary>
public sealed record Processed(int Id, int ProcessId);

/// <summary>Asks the echo actor to consume jobs from <paramref name="ProducerController"/> and report to <paramref name="Collector"/>.</summary>
public sealed record StartConsuming(IActorRef ProducerController, IActorRef Collector);

/// <summary>
/// The consuming end of an Akka.Delivery pair: a ConsumerController that registers with the remote
/// producer controller; each delivery is reported, then confirmed, so a crash between the two makes the
/// producer send it again (at least once), and the collector removes the duplicate by id.
/// </summary>
public sealed class JobConsumer : ReceiveActor
{
    public JobConsumer(IActorRef producerController, IActorRef collector)
    {
        var consumerController = Context.ActorOf(ConsumerController.Create<Job>(Context, Option<IActorRef>.None), "consumer-controller");
        consumerController.Tell(new ConsumerController.Start<Job>(Self));
        consumerController.Tell(new ConsumerController.RegisterToProducerController<Job>(producerController));
        Receive<ConsumerController.Delivery<Job>>(delivery =>
        {
            collector.Tell(new Processed(delivery.Message.Id, Environment.ProcessId));
            delivery.ConfirmTo.Tell(ConsumerController.Confirmed.Instance);
        });
    }
}
