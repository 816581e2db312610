using Actors.Delivery;
using Akka.Actor;

namespace Queue;

/// <summary>
/// The producer process's actor: on <see cref="Begin"/> it reads how many orders its queue already
/// holds and sends the rest. An incarnation that finds fewer than <c>pauseAt</c> stores only up to
/// there and waits (to be killed); the next one stores everything: the kill always falls part-way.
/// </summary>
public sealed class ProducerHost : ReceiveActor
{
    public const string Name = "host";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(1);

    public ProducerHost(IActorRef producer, long messages, long pauseAt)
    {
        ReceiveAsync<Begin>(async _ =>
        {
            var replyTo = Sender;
            var before = await producer.Ask<DurableProducer.Progress>(DurableProducer.GetProgress.Instance, s_timeout);
            var target = before.Stored < pauseAt ? pauseAt : messages;
            for (var id = before.Stored + 1; id <= target; id++)
            {
                producer.Tell(new Order(id));
            }

            var after = await producer.Ask<DurableProducer.Progress>(new DurableProducer.WhenStored(target), s_timeout);
            replyTo.Tell(new ProducerReport(after.Controller, before.Stored, after.Stored));
        });
    }
}
