using Akka.Actor;

namespace Actors.Delivery.Tests;

/// <summary>
/// The queue outlives its producer: messages stored while no consumer runs, by a producer that then
/// goes away, reach a consumer that starts only after the producer was started again from the same
/// database; the same code on SQLite and on a real PostgreSQL server.
/// </summary>
public sealed class DurableQueueRecoverySpec : IDisposable
{
    private const int FirstIncarnation = 120;
    private const int SecondIncarnation = 30;

    private readonly string _directory = Directory.CreateTempSubdirectory("queue-recovery-").FullName;

    [Fact]
    public Task Messages_stored_while_no_consumer_runs_reach_a_consumer_started_after_the_producer_restarted_on_sqlite() =>
        StoredMessagesSurviveTheProducer(DurableQueueSettings.Sqlite(_directory));

    [PostgresFact]
    public Task Messages_stored_while_no_consumer_runs_reach_a_consumer_started_after_the_producer_restarted_on_postgresql() =>
        StoredMessagesSurviveTheProducer(DurableQueueSettings.PostgreSql(PostgresFactAttribute.Require()));

    [Fact]
    public void A_sqlite_queue_is_one_file_in_the_directory_named()
    {
        using var system = QueueSystem.Create("one-file");
        DurableProducer.Start<string>(system, "p", DurableQueueSettings.Sqlite(_directory));

        Assert.Equal([DurableQueueSettings.SqliteFileName], Directory.GetFiles(_directory).Select(Path.GetFileName).Where(f => !f!.StartsWith("queue.db-", StringComparison.Ordinal)));
    }

    private static async Task StoredMessagesSurviveTheProducer(DurableQueueSettings settings)
    {
        // A fresh id: a PostgreSQL database keeps the queues of earlier runs.
        var producerId = $"orders-{Guid.NewGuid():N}";
        var all = FirstIncarnation + SecondIncarnation;

        // First incarnation: stores with nobody to send to, then its system is gone.
        var first = QueueSystem.Create("first");
        try
        {
            var producer = DurableProducer.Start<string>(first, producerId, settings);
            var start = await producer.Ask<DurableProducer.Progress>(DurableProducer.GetProgress.Instance, QueueSystem.Timeout);
            Assert.Equal(0, start.Stored);
            for (var i = 1; i <= FirstIncarnation; i++)
            {
                producer.Tell($"m{i}");
            }

            var stored = await producer.Ask<DurableProducer.Progress>(new DurableProducer.WhenStored(FirstIncarnation), QueueSystem.Timeout);
            Assert.Equal(FirstIncarnation, stored.Stored);
        }
        finally
        {
            await first.Terminate().WaitAsync(QueueSystem.Timeout);
        }

        // Second incarnation: reads the queue, adds to it, and a consumer that starts now gets all, in order.
        using var second = QueueSystem.Create("second");
        var restarted = DurableProducer.Start<string>(second, producerId, settings);
        var progress = await restarted.Ask<DurableProducer.Progress>(DurableProducer.GetProgress.Instance, QueueSystem.Timeout);
        Assert.Equal(FirstIncarnation, progress.Stored);
        for (var i = FirstIncarnation + 1; i <= all; i++)
        {
            restarted.Tell($"m{i}");
        }

        var received = new Received(all);
        second.ActorOf(DurableConsumer<string>.Props(received.Add, progress.Controller), "consumer");
        await received.All.WaitAsync(QueueSystem.Timeout);

        Assert.Equal(Enumerable.Range(1, all).Select(i => $"m{i}"), received.Messages);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
