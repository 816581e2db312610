using Actors.Delivery;
using Akka.Actor;

namespace Queue;

/// <summary>
/// The consumer process's actor: a <see cref="DurableConsumer{T}"/> that hands each order to the
/// parent's collector and confirms it once the collector has it.
/// </summary>
public sealed class ConsumerHost : ReceiveActor
{
    public const string Name = "host";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private IActorRef _collector = ActorRefs.Nobody;

    public ConsumerHost()
    {
        var consumer = Context.ActorOf(DurableConsumer<Order>.Props(order => _collector.Ask<Recorded>(new Delivered(order.Id), s_timeout)), "consumer");
        Receive<Consume>(consume =>
        {
            _collector = consume.Collector;
            consumer.Tell(new DurableConsumer.ConsumeFrom(consume.ProducerController));
        });
    }
}
