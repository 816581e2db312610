using System.Diagnostics;
using Actors.Supervision;
using Actors.Cluster;
using Actors.TestPeer;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Akka.Delivery;
using Akka.Util;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// A <see cref="ProcessSupervisor"/> in this process owns real child processes on a shipped transport:
/// a SIGKILL is detected and the peer restarted and answering again through its proxy; a peer that
/// crashes at start-up is given up on; all-for-one restarts the siblings. A transport joins by subclassing.
/// </summary>
public abstract class ProcessSupervisorSpec(string configFile, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(WithDelivery(configFile)), "supervisor", output)
{

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly SupervisionStrategy FastRestarts = SupervisionStrategy.Default with
    {
        MinBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task SIGKILL_of_a_child_is_detected_and_the_restarted_peer_answers_through_its_proxy()
    {
        var events = SubscribeToPeerEvents();
        var supervisor = Sys.ActorOf(ProcessSupervisor.Props([Worker("worker")], FastRestarts), "supervisor");
        var started = await events.ExpectMsgAsync<PeerStarted>(StartTimeout);
        var status = await supervisor.Ask<ProcessSupervisor.PeerStatus>(new ProcessSupervisor.GetPeer("worker"), Timeout);
        status.Proxy.Tell("before the crash");
        await ExpectMsgAsync("before the crash", Timeout);

        var sinceKill = Stopwatch.StartNew();
        using (var process = Process.GetProcessById(started.ProcessId))
        {
            process.Kill();
        }

        var crashed = await events.ExpectMsgAsync<PeerCrashed>(Timeout);
        var crashedAfter = sinceKill.Elapsed;
        var restarted = await events.ExpectMsgAsync<PeerRestarted>(StartTimeout);
        status.Proxy.Tell("after the restart");
        await ExpectMsgAsync("after the restart", Timeout);
        var answeringAfter = sinceKill.Elapsed;

        Assert.Equal(("worker", started.ProcessId, 9), (crashed.Name, crashed.ProcessId, crashed.Signal));
        Assert.NotEqual(started.ProcessId, restarted.ProcessId);
        Output.WriteLine($"config={configFile} crashed_ms={crashedAfter.TotalMilliseconds:0} detected_by={crashed.DetectedBy} answering_ms={answeringAfter.TotalMilliseconds:0}");
    }

    [Fact]
    public async Task SIGTERM_stops_a_child_cleanly_and_on_crash_only_it_is_not_restarted()
    {
        var events = SubscribeToPeerEvents();
        Sys.ActorOf(ProcessSupervisor.Props([Worker("calm")], FastRestarts), "calm-supervisor");
        var started = await events.ExpectMsgAsync<PeerStarted>(StartTimeout);

        await SignalShutdownSpec.Send("TERM", started.ProcessId);

        var stopped = await events.ExpectMsgAsync<PeerStopped>(Timeout);
        Assert.Equal(("calm", 0), (stopped.Name, stopped.ExitCode));
        await events.ExpectNoMsgAsync(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Child_that_crashes_at_start_up_every_time_is_given_up_after_the_limit()
    {
        var events = SubscribeToPeerEvents();
        var strategy = FastRestarts with { MaxRestarts = 2 };
        var spec = new PeerSpec("doomed", PeerDll, ["--config", ConfigPath(configFile), "--exit-at-start", "3"]);
        Sys.ActorOf(ProcessSupervisor.Props([spec], strategy), "doomed-supervisor");

        for (var attempt = 0; attempt <= strategy.MaxRestarts; attempt++)
        {
            var failed = await events.ExpectMsgAsync<PeerStartFailed>(StartTimeout);
            Assert.Equal(("doomed", PeerDll, 3), (failed.Name, failed.Program, failed.ExitCode));
        }

        var gaveUp = await events.ExpectMsgAsync<PeerGaveUp>(Timeout);
        Assert.Equal(("doomed", 2), (gaveUp.Name, gaveUp.Restarts));
        Assert.Contains("exited with code 3", gaveUp.LastFailure);
        await events.ExpectNoMsgAsync(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task All_for_one_restarts_the_siblings_of_a_crashed_peer()
    {
        var events = SubscribeToPeerEvents();
        var strategy = FastRestarts with { Scope = RestartScope.AllForOne };
        Sys.ActorOf(ProcessSupervisor.Props([Worker("left"), Worker("right")], strategy), "pair");
        var first = await events.ExpectMsgAsync<PeerStarted>(StartTimeout);
        var second = await events.ExpectMsgAsync<PeerStarted>(StartTimeout);
        var left = first.Name == "left" ? first : second;

        using (var process = Process.GetProcessById(left.ProcessId))
        {
            process.Kill();
        }

        await events.ExpectMsgAsync<PeerCrashed>(c => Assert.Equal("left", c.Name), Timeout);
        var restarted = new HashSet<string>();
        while (restarted.Count < 2)
        {
            restarted.Add((await events.ExpectMsgAsync<PeerRestarted>(StartTimeout)).Name);
        }

        Assert.Equal(["left", "right"], restarted.Order());
    }

    [Fact]
    public async Task Jobs_sent_through_Akka_Delivery_across_a_SIGKILL_of_the_consumer_are_all_processed_once()
    {
        const int total = 100_000;
        var configPath = Path.Combine(Path.GetTempPath(), $"supervision-delivery-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(configPath, WithDelivery(configFile));
        try
        {
            var events = SubscribeToPeerEvents();
            var collector = Sys.ActorOf(Props.Create(() => new JobCollector(total, TestActor)), "collector");
            var producer = Sys.ActorOf(Props.Create(() => new JobProducer(total)), "producer");
            var producerController = Sys.ActorOf(ProducerController.Create<Job>(Sys, "jobs", Option<Props>.None), "producer-controller");
            producerController.Tell(new ProducerController.Start<Job>(producer));

            var consumer = new PeerSpec("consumer", PeerDll, ["--config", configPath, "--name", "consumer"]) { TargetPath = $"user/{EchoActor.Name}" };
            var supervisor = Sys.ActorOf(ProcessSupervisor.Props([consumer], FastRestarts), "delivery-supervisor");
            var started = await events.ExpectMsgAsync<PeerStarted>(StartTimeout);
            var proxy = (await supervisor.Ask<ProcessSupervisor.PeerStatus>(new ProcessSupervisor.GetPeer("consumer"), Timeout)).Proxy;
            proxy.Tell(new StartConsuming(producerController, collector));

            // Kill the consumer part-way, while jobs are in flight.
            await ExpectMsgAsync<JobCollector.Reached>(TimeSpan.FromSeconds(60));
            using (var process = Process.GetProcessById(started.ProcessId))
            {
                process.Kill();
            }

            await events.ExpectMsgAsync<PeerCrashed>(Timeout);
            await events.ExpectMsgAsync<PeerRestarted>(StartTimeout);
            proxy.Tell(new StartConsuming(producerController, collector));

            var report = await ExpectMsgAsync<JobCollector.Report>(TimeSpan.FromSeconds(120));
            Output.WriteLine($"config={configFile} sent={total} processed={report.Unique} duplicates_removed={report.Duplicates} by_processes={report.Processes}");
            Assert.Equal(total, report.Unique);
            Assert.Equal(2, report.Processes);
        }
        finally
        {
            File.Delete(configPath);
        }
    }

    private static string WithDelivery(string configFile) => ReliableDelivery.Hocon + File.ReadAllText(ConfigPath(configFile));

    private PeerSpec Worker(string name) =>
        new(name, PeerDll, ["--config", ConfigPath(configFile), "--name", name]) { TargetPath = $"user/{EchoActor.Name}" };

    /// <summary>Sends jobs 0 to total - 1 whenever the producer controller asks for the next.</summary>
    private sealed class JobProducer : ReceiveActor
    {
        public JobProducer(int total)
        {
            var next = 0;
            Receive<ProducerController.RequestNext<Job>>(request =>
            {
                if (next < total)
                {
                    request.SendNextTo.Tell(new Job(next++));
                }
            });
        }
    }

    /// <summary>
    /// Counts processed jobs once each (a job handled again after a crash is a duplicate, removed by id),
    /// tells <c>reportTo</c> when a third are in, and reports when all are.
    /// </summary>
    private sealed class JobCollector : ReceiveActor
    {
        public sealed record Reached;

        public sealed record Report(int Unique, int Duplicates, int Processes);

        public JobCollector(int total, IActorRef reportTo)
        {
            var seen = new bool[total];
            var processes = new HashSet<int>();
            var (unique, duplicates) = (0, 0);
            Receive<Processed>(processed =>
            {
                processes.Add(processed.ProcessId);
                if (seen[processed.Id])
                {
                    duplicates++;
                    return;
                }

                seen[processed.Id] = true;
                unique++;
                if (unique == total / 3)
                {
                    reportTo.Tell(new Reached());
                }

                if (unique == total)
                {
                    reportTo.Tell(new Report(unique, duplicates, processes.Count));
                }
            });
        }
    }

    private Akka.TestKit.TestProbe SubscribeToPeerEvents()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(PeerEvent));
        return probe;
    }

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    private static string ConfigPath(string configFile) => Path.Combine(AppContext.BaseDirectory, "HOCON", configFile);
}

public sealed class UnixSocketProcessSupervisorSpec(ITestOutputHelper output) : ProcessSupervisorSpec("uds.conf", output);

public sealed class NamedPipeProcessSupervisorSpec(ITestOutputHelper output) : ProcessSupervisorSpec("pipe.conf", output);
