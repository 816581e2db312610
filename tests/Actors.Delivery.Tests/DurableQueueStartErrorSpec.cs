using Actors.MultiProcess.Tests;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Delivery.Tests;

/// <summary>
/// A durable queue whose database cannot be used says so at start, in one line
/// (<c>durable queue storage failed: path=..., reason=...</c>), and starts no producer.
/// </summary>
public sealed class DurableQueueStartErrorSpec : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("queue-errors-").FullName;
    private readonly ActorSystem _system = QueueSystem.Create("errors");

    [Fact]
    public void A_missing_directory_is_one_clear_error_at_start_and_is_not_created()
    {
        var missing = Path.Combine(_directory, "not-there");

        var error = Assert.Throws<DurableQueueException>(() => DurableProducer.Start<string>(_system, "p", DurableQueueSettings.Sqlite(missing)));

        Assert.Equal($"durable queue storage failed: path={missing}, reason=the directory does not exist", error.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void A_corrupted_database_file_is_one_clear_error_at_start_and_the_file_is_left_as_it_was()
    {
        var file = Path.Combine(_directory, DurableQueueSettings.SqliteFileName);
        var garbage = Enumerable.Repeat((byte)'x', 8192).ToArray();
        File.WriteAllBytes(file, garbage);

        var error = Assert.Throws<DurableQueueException>(() => DurableProducer.Start<string>(_system, "p", DurableQueueSettings.Sqlite(_directory)));

        Assert.StartsWith($"durable queue storage failed: path={file}, reason=the file is not a usable SQLite database (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(garbage, File.ReadAllBytes(file));
    }

    [TmpfsFact]
    public void A_directory_that_cannot_be_written_is_one_clear_error_at_start()
    {
        using var readOnly = TmpfsMount.Create(1, readOnly: true);

        var error = Assert.Throws<DurableQueueException>(() => DurableProducer.Start<string>(_system, "p", DurableQueueSettings.Sqlite(readOnly.Path)));

        Assert.StartsWith($"durable queue storage failed: path={readOnly.Path}, reason=the directory is not writable (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_system_without_the_reliable_delivery_serializer_is_told_what_to_add()
    {
        using var bare = ActorSystem.Create("bare", "akka.loglevel = WARNING");

        var error = Assert.Throws<DurableQueueException>(() => DurableProducer.Start<string>(bare, "p", DurableQueueSettings.Sqlite(_directory)));

        Assert.Contains("put ReliableDelivery.Hocon in the system's config", error.Message);
        Assert.False(File.Exists(Path.Combine(_directory, DurableQueueSettings.SqliteFileName)));
    }

    [Theory]
    [InlineData("actors.durable-queue.provider = oracle", "durable queue settings are not valid: actors.durable-queue.provider=oracle, allowed=sqlite|postgresql")]
    [InlineData("actors.durable-queue.provider = sqlite", "durable queue settings are not valid: actors.durable-queue.sqlite.directory is empty, required for provider=sqlite")]
    [InlineData("actors.durable-queue.provider = postgresql", "durable queue settings are not valid: actors.durable-queue.postgresql.connection-string is empty, required for provider=postgresql")]
    public void A_bad_value_in_the_HOCON_is_one_clear_error(string hocon, string expected)
    {
        var error = Assert.Throws<DurableQueueException>(() => DurableQueueSettings.FromConfig(ConfigurationFactory.ParseString(hocon)));

        Assert.Equal(expected, error.Message);
    }

    public void Dispose()
    {
        _system.Terminate().Wait(QueueSystem.Timeout);
        Directory.Delete(_directory, recursive: true);
    }
}
