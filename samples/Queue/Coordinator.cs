using System.Diagnostics;
using Actors.Delivery;
using Actors.Supervision;
using Akka.Actor;

namespace Queue;

/// <summary>
/// The parent process. Its script does not depend on timing: (1) the producer starts with no consumer
/// running, stores a third of the orders and waits; it is SIGKILLed there. (2) Restarted by its
/// supervisor, it re-reads its queue and stores the rest. (3) Only then the consumer starts, gets
/// orders, and is SIGKILLed once half of them arrived; restarted, it registers again and gets the rest.
/// The last line counts what arrived, by id.
/// </summary>
internal static class Coordinator
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(FileInfo config, long messages, DirectoryInfo? directory, string? postgres)
    {
        var ownDirectory = directory is null && postgres is null;
        directory ??= ownDirectory ? Directory.CreateTempSubdirectory("queue-sample-") : null;
        try
        {
            // One clear line, before any process starts, when the database cannot be used.
            Storage.Settings(directory, postgres).CheckStorage();
            return await RunStoryAsync(config, messages, Storage.Arguments(directory, postgres));
        }
        catch (DurableQueueException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        finally
        {
            if (ownDirectory)
            {
                directory!.Delete(recursive: true);
            }
        }
    }

    private static async Task<int> RunStoryAsync(FileInfo config, long messages, string[] storageArguments)
    {
        using var system = ActorSystem.Create("queue", SampleConfig.Load(config));
        var events = new PeerEventQueue(system);
        var collector = system.ActorOf(Props.Create(() => new Collector()), "collector");
        var producerId = $"orders-{Guid.NewGuid():N}";
        var common = new[] { "--config", config.FullName };
        var producerSpec = new PeerSpec("producer", ProgramStartInfo.ThisProgram(),
            [.. common, "--producer", "--producer-id", producerId, "--messages", $"{messages}", "--pause-at", $"{messages / 3}", .. storageArguments])
        {
            TargetPath = $"user/{ProducerHost.Name}",
        };
        var consumerSpec = new PeerSpec("consumer", ProgramStartInfo.ThisProgram(), [.. common, "--consumer"]) { TargetPath = $"user/{ConsumerHost.Name}" };

        // (1) The producer alone.
        var producers = system.ActorOf(ProcessSupervisor.Props([producerSpec]), "producers");
        var producerStarted = await events.NextAsync<PeerStarted>("producer", s_timeout);
        Console.WriteLine($"producer: started, pid {producerStarted.ProcessId}; no consumer is running");
        var producer = (await producers.Ask<ProcessSupervisor.PeerStatus>(new ProcessSupervisor.GetPeer("producer"), s_timeout)).Proxy;
        var report = await producer.Ask<ProducerReport>(new Begin(), s_timeout);
        Console.WriteLine($"producer: stored {report.Stored} of {messages} orders; killing pid {producerStarted.ProcessId} with SIGKILL");
        Kill(producerStarted.ProcessId);

        // (2) The producer again, from its queue.
        var crashed = await events.NextAsync<PeerCrashed>("producer", s_timeout);
        Console.WriteLine($"producer: crashed (signal {crashed.Signal})");
        var producerRestarted = await events.NextAsync<PeerRestarted>("producer", s_timeout);
        report = await producer.Ask<ProducerReport>(new Begin(), s_timeout);
        Console.WriteLine($"producer: restarted, pid {producerRestarted.ProcessId}; found {report.StoredBefore} orders in its queue, stored the rest: {report.Stored} of {messages}");

        // (3) The consumer, late, killed half-way.
        var consumers = system.ActorOf(ProcessSupervisor.Props([consumerSpec]), "consumers");
        var consumerStarted = await events.NextAsync<PeerStarted>("consumer", s_timeout);
        Console.WriteLine($"consumer: started, pid {consumerStarted.ProcessId}");
        var consumer = (await consumers.Ask<ProcessSupervisor.PeerStatus>(new ProcessSupervisor.GetPeer("consumer"), s_timeout)).Proxy;
        consumer.Tell(new Consume(report.Controller, collector));
        var half = await collector.Ask<Collector.Totals>(new Collector.WhenDelivered(messages / 2), s_timeout);
        Console.WriteLine($"consumer: {half.Distinct} orders arrived; killing pid {consumerStarted.ProcessId} with SIGKILL");
        Kill(consumerStarted.ProcessId);
        crashed = await events.NextAsync<PeerCrashed>("consumer", s_timeout);
        Console.WriteLine($"consumer: crashed (signal {crashed.Signal})");
        var consumerRestarted = await events.NextAsync<PeerRestarted>("consumer", s_timeout);
        Console.WriteLine($"consumer: restarted, pid {consumerRestarted.ProcessId}; registering with the producer again");
        consumer.Tell(new Consume(report.Controller, collector));

        Collector.Totals totals;
        try
        {
            totals = await collector.Ask<Collector.Totals>(new Collector.WhenDelivered(messages), s_timeout);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException)
        {
            totals = await collector.Ask<Collector.Totals>(new Collector.GetTotals(), TimeSpan.FromSeconds(10));
            Console.WriteLine($"only {totals.Distinct} of {messages} orders arrived within {s_timeout.TotalMinutes:0} minutes");
        }

        await Task.WhenAll(producers.GracefulStop(s_timeout), consumers.GracefulStop(s_timeout));
        Console.WriteLine($"{totals.Redelivered} orders came twice (handled by a killed consumer before it could confirm them) and were dropped by id");
        Console.WriteLine($"sent={messages} delivered={totals.Distinct} lost={messages - totals.Distinct} duplicates=0");
        return totals.Distinct == messages ? 0 : 1;
    }

    private static void Kill(int processId)
    {
        using var process = Process.GetProcessById(processId);
        process.Kill();
    }
}
