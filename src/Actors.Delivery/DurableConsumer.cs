using Akka.Actor;
using Akka.Delivery;
using Akka.Util;

namespace Actors.Delivery;

/// <summary>
/// The consuming end of a durable queue, in any process: a ConsumerController that registers with a
/// <see cref="DurableProducer"/>'s controller, hands each message to <c>handle</c>, then confirms it.
/// Tell it <see cref="DurableConsumer.ConsumeFrom"/> whenever the producer (re)starts (the
/// <see cref="Actors.Supervision.ProcessSupervisor"/>'s PeerRestarted says when). Within one
/// incarnation a message the restarted producer sends again is dropped by its sequence number; across
/// a restart of this consumer, a message handled but not yet confirmed comes again, so <c>handle</c>
/// must drop duplicates by the message's own id (at least once, in order per producer).
/// </summary>
/// <typeparam name="T">The message type the producer sends.</typeparam>
public sealed class DurableConsumer<T> : ReceiveActor
{
    // The highest sequence number handled per producer id in this incarnation.
    private readonly Dictionary<string, long> _handled = [];

    public DurableConsumer(Action<T> handle, IActorRef? producerController)
    {
        var consumerController = Context.ActorOf(ConsumerController.Create<T>(Context, Option<IActorRef>.None), "consumer-controller");
        consumerController.Tell(new ConsumerController.Start<T>(Self));
        if (producerController is not null)
        {
            consumerController.Tell(new ConsumerController.RegisterToProducerController<T>(producerController));
        }

        Receive<DurableConsumer.ConsumeFrom>(from => consumerController.Tell(new ConsumerController.RegisterToProducerController<T>(from.ProducerController)));
        Receive<ConsumerController.Delivery<T>>(delivery =>
        {
            if (!_handled.TryGetValue(delivery.ProducerId, out var last) || delivery.SeqNr > last)
            {
                handle(delivery.Message);
                _handled[delivery.ProducerId] = delivery.SeqNr;
            }

            delivery.ConfirmTo.Tell(ConsumerController.Confirmed.Instance);
        });
    }

    /// <summary>The props of a consumer; <paramref name="producerController"/> may come later in a <see cref="DurableConsumer.ConsumeFrom"/>.</summary>
    public static Props Props(Action<T> handle, IActorRef? producerController = null) =>
        Akka.Actor.Props.Create(() => new DurableConsumer<T>(handle, producerController));
}
