using Akka.Actor;
using FsCheck;
using FsCheck.Xunit;

namespace Actors.Delivery.Tests;

/// <summary>
/// However the messages are split over producer incarnations (each stopped and started again on the
/// same SQLite file), and whichever of them has a consumer that is stopped with it, the consumers
/// together get every message, each consumer in increasing order and without repeats; a last consumer
/// gets what no earlier one confirmed. Incarnations are actors in one system, so a case takes
/// milliseconds, not a process start.
/// </summary>
public sealed class DurableQueueProperties : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("queue-properties-").FullName;
    private readonly ActorSystem _system = QueueSystem.Create("properties");
    private int _case;

    [Property(MaxTest = 8)]
    public bool Every_message_reaches_a_consumer_in_order_across_producer_restarts((NonNegativeInt Count, bool WithConsumer)[] incarnations)
    {
        var plan = incarnations.Take(3).Select(i => (Count: i.Count.Get % 25, i.WithConsumer)).ToArray();
        var total = plan.Sum(i => i.Count);
        var producerId = $"p{++_case}";
        var settings = DurableQueueSettings.Sqlite(_directory);
        var consumed = new ConsumedMessages();
        var stored = 0;
        for (var incarnation = 0; incarnation < plan.Length; incarnation++)
        {
            var producer = DurableProducer.Start<string>(_system, producerId, settings, $"{producerId}-{incarnation}");
            var progress = Ask(producer, DurableProducer.GetProgress.Instance);
            var consumer = plan[incarnation].WithConsumer
                ? _system.ActorOf(DurableConsumer<string>.Props(consumed.NewConsumer(), progress.Controller), $"{producerId}-c{incarnation}")
                : null;
            for (var i = 0; i < plan[incarnation].Count; i++)
            {
                producer.Tell($"{++stored}");
            }

            Ask(producer, new DurableProducer.WhenStored(stored));
            if (consumer is not null)
            {
                Stop(consumer);
            }

            Stop(producer);
        }

        // The last producer, and a consumer that stays until every message has arrived somewhere.
        var last = DurableProducer.Start<string>(_system, producerId, settings, $"{producerId}-last");
        var lastProgress = Ask(last, DurableProducer.GetProgress.Instance);
        var final = _system.ActorOf(DurableConsumer<string>.Props(consumed.NewConsumer(), lastProgress.Controller), $"{producerId}-final");
        var complete = consumed.WhenDistinct(total).Wait(QueueSystem.Timeout);
        Stop(final);
        Stop(last);

        var byConsumer = consumed.ByConsumer;
        return complete
            && lastProgress.Stored == total
            && byConsumer.SelectMany(m => m).ToHashSet().SetEquals(Enumerable.Range(1, total))
            && byConsumer.All(m => m.Zip(m.Skip(1), (a, b) => a < b).All(increasing => increasing));
    }

    private static DurableProducer.Progress Ask(IActorRef producer, object question) =>
        producer.Ask<DurableProducer.Progress>(question, QueueSystem.Timeout).Result;

    // Gracefully, so that two incarnations of one persistence id never run at once.
    private static void Stop(IActorRef actor) => actor.GracefulStop(QueueSystem.Timeout).Wait(QueueSystem.Timeout);

    public void Dispose()
    {
        _system.Terminate().Wait(QueueSystem.Timeout);
        Directory.Delete(_directory, recursive: true);
    }
}
