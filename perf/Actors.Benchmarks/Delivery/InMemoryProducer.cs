using Akka.Actor;
using Akka.Delivery;
using Akka.Util;

namespace Actors.Benchmarks.Delivery;

/// <summary>
/// The baseline: plain in-memory Akka.Delivery, a ProducerController without a durable queue fed by
/// an actor that keeps what it is told in memory until the controller asks. The same shape as
/// DurableProducer, minus the database.
/// </summary>
public sealed class InMemoryProducer : ReceiveActor
{
    public InMemoryProducer(string producerId)
    {
        var waiting = new Queue<int>();
        IActorRef? sendNextTo = null;
        Controller = Context.ActorOf(ProducerController.Create<int>(Context, producerId, Option<Props>.None), "controller");
        Controller.Tell(new ProducerController.Start<int>(Self));
        Receive<ProducerController.RequestNext<int>>(next =>
        {
            sendNextTo = next.SendNextTo;
            HandOver();
        });
        Receive<GetController>(_ => Sender.Tell(Controller));
        Receive<int>(message =>
        {
            waiting.Enqueue(message);
            HandOver();
        });

        void HandOver()
        {
            if (sendNextTo is not null && waiting.TryDequeue(out var message))
            {
                sendNextTo.Tell(message);
                sendNextTo = null;
            }
        }
    }

    private IActorRef Controller { get; }

    /// <summary>Asks for the controller a consumer registers with.</summary>
    public sealed record GetController;
}
