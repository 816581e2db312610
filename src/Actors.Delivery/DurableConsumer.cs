using Akka.Actor;
using Akka.Delivery;
using Akka.Util;

namespace Actors.Delivery;

/// <summary>
/// The consuming end of a durable queue, in any process: a ConsumerController that registers with a
/// <see cref="DurableProducer"/>'s controller, hands each message to <c>handle</c>, then confirms it.
/// Tell it <see cref="DurableConsumer.ConsumeFrom"/> whenever the producer (re)starts (the
/// <see cref="Actors.Supervision.ProcessSupervisor"/>'s PeerRestarted says when). A message handled
/// but not yet confirmed (or whose confirmation the producer had not stored) when either side died comes
/// again, so <c>handle</c> must drop duplicates by the message's own id: at least once, in order per
/// producer. Sequence numbers are not used for that: a producer whose database was replaced counts
/// from 1 again, and dropping by number would lose its messages without a word. A message is
/// confirmed only when the task <c>handle</c> returned completes: hand it to another process by an Ask,
/// not a Tell, or a kill of this process may lose what was told but not yet written.
/// </summary>
/// <typeparam name="T">The message type the producer sends.</typeparam>
public sealed class DurableConsumer<T> : ReceiveActor
{
    /// <summary>A consumer that hands each message to <paramref name="handle"/>; made through <see cref="Props(Func{T, Task}, IActorRef?)"/>.</summary>
    /// <param name="handle">Handles one message; the message is confirmed when its task completes.</param>
    /// <param name="producerController">The producer's controller, or null when a <see cref="DurableConsumer.ConsumeFrom"/> names it later.</param>
    public DurableConsumer(Func<T, Task> handle, IActorRef? producerController)
    {
        var consumerController = Context.ActorOf(ConsumerController.Create<T>(Context, Option<IActorRef>.None), "consumer-controller");
        consumerController.Tell(new ConsumerController.Start<T>(Self));
        if (producerController is not null)
        {
            consumerController.Tell(new ConsumerController.RegisterToProducerController<T>(producerController));
        }

        Receive<DurableConsumer.ConsumeFrom>(from => consumerController.Tell(new ConsumerController.RegisterToProducerController<T>(from.ProducerController)));
        ReceiveAsync<ConsumerController.Delivery<T>>(async delivery =>
        {
            await handle(delivery.Message);
            delivery.ConfirmTo.Tell(ConsumerController.Confirmed.Instance);
        });
    }

    /// <summary>The props of a consumer; <paramref name="producerController"/> may come later in a <see cref="DurableConsumer.ConsumeFrom"/> (pass null).</summary>
    public static Props Props(Func<T, Task> handle, IActorRef? producerController) =>
        Akka.Actor.Props.Create(() => new DurableConsumer<T>(handle, producerController));

    /// <summary>The props of a consumer told its producer later, in a <see cref="DurableConsumer.ConsumeFrom"/>.</summary>
    public static Props Props(Func<T, Task> handle) => Props(handle, producerController: null);

    /// <summary>The props of a consumer whose <paramref name="handle"/> is done when it returns.</summary>
    public static Props Props(Action<T> handle, IActorRef? producerController) =>
        Props(message =>
        {
            handle(message);
            return Task.CompletedTask;
        }, producerController);

    /// <summary>As <see cref="Props(Action{T}, IActorRef?)"/>, told its producer later.</summary>
    public static Props Props(Action<T> handle) => Props(handle, producerController: null);
}
