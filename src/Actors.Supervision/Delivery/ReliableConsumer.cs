using Akka.Actor;
using Akka.Delivery;
using Akka.Util;

namespace Actors.Supervision.Delivery;

/// <summary>
/// The consuming end of Akka.Delivery in a peer process: a ConsumerController that registers with a
/// (remote) ProducerController, hands each message to <c>handle</c>, then confirms it. A crash between
/// the two makes the producer send the message again to the next incarnation: at least once, so the
/// effect of <c>handle</c> must be idempotent or de-duplicated by the message's own id.
/// Both processes need Akka.Delivery's serializer: put <c>Actors.Cluster.ReliableDelivery.Hocon</c> in front of their configs.
/// </summary>
/// <typeparam name="T">The message type the producer sends.</typeparam>
public sealed class ReliableConsumer<T> : ReceiveActor
{
    /// <summary>Starts a ConsumerController under this actor and registers it with <paramref name="producerController"/>.</summary>
    /// <param name="producerController">The (remote) ProducerController to take messages from.</param>
    /// <param name="handle">Runs for each message before it is confirmed.</param>
    public ReliableConsumer(IActorRef producerController, Action<T> handle)
    {
        var consumerController = Context.ActorOf(ConsumerController.Create<T>(Context, Option<IActorRef>.None), "consumer-controller");
        consumerController.Tell(new ConsumerController.Start<T>(Self));
        consumerController.Tell(new ConsumerController.RegisterToProducerController<T>(producerController));
        Receive<ConsumerController.Delivery<T>>(delivery =>
        {
            handle(delivery.Message);
            delivery.ConfirmTo.Tell(ConsumerController.Confirmed.Instance);
        });
    }

    /// <summary>The props of a consumer of <paramref name="producerController"/>'s messages.</summary>
    public static Props Props(IActorRef producerController, Action<T> handle) =>
        Akka.Actor.Props.Create(() => new ReliableConsumer<T>(producerController, handle));
}
