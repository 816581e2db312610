using System.Diagnostics;
using Actors.Remote.Diagnostics;
using Actors.Supervision;
using Actors.TestSupport;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// The instruments that need real processes: the <c>Actors.Supervision</c> counters (a supervised child
/// started, SIGKILLed, restarted; another that fails at every start and is given up on), and the
/// <c>Actors.Remote</c> histogram from the end of a killed peer's connection to its confirmed exit.
/// </summary>
public sealed class MetricsSpec : Akka.TestKit.Xunit2.TestKit
{
    // Unique: the listeners hear the whole process, and only this system's measurements are kept.
    private static readonly string SystemName = $"metrics-{Guid.NewGuid():N}"[..20];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly SupervisionStrategy FastRestarts = SupervisionStrategy.Default with
    {
        MinBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(1),
    };

    private readonly MetricRecorder _supervision = new(SupervisionMetrics.MeterName, SystemName);
    private readonly MetricRecorder _remote = new(RemoteMetrics.MeterName, SystemName);

    public MetricsSpec(ITestOutputHelper output)
        : base(ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath)), SystemName, output)
    {
    }

    private static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "HOCON", "uds.conf");

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    [Fact]
    public async Task A_SIGKILLed_child_counts_a_start_a_crash_and_a_restart_and_records_the_time_to_its_confirmed_death()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerEvent));
        var worker = new PeerSpec("metrics-worker", PeerDll, ["--config", ConfigPath, "--name", "metrics-worker"]) { TargetPath = $"user/{EchoActor.Name}" };
        Sys.ActorOf(ProcessSupervisor.Props([worker], FastRestarts), "metrics-supervisor");
        var started = await events.ExpectMsgAsync<PeerStarted>(StartTimeout);

        using (var process = Process.GetProcessById(started.ProcessId))
        {
            process.Kill();
        }

        await events.ExpectMsgAsync<PeerCrashed>(Timeout);
        await events.ExpectMsgAsync<PeerRestarted>(StartTimeout);

        var peer = ("peer", "metrics-worker");
        Assert.Equal(1, _supervision.Sum("actors.supervision.peer.starts", peer));
        Assert.Equal(1, _supervision.Sum("actors.supervision.peer.crashes", peer));
        Assert.Equal(1, _supervision.Sum("actors.supervision.peer.restarts", peer));
        var deaths = await _remote.WaitForAsync("actors.remote.peer.death.duration", m => m.Count > 0, Timeout, ("transport", "uds"));
        // From the end of the connection to the publication: the confirmation looks for at most a second.
        Assert.All(deaths, d => Assert.InRange(d.Value, 0, 1_000 + Timeout.TotalMilliseconds));
        Output.WriteLine($"death to PeerProcessExited: {string.Join(", ", deaths.Select(d => $"{d.Value:0.0} ms"))}");
    }

    [Fact]
    public async Task A_child_that_fails_at_every_start_counts_one_give_up_and_no_start()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerGaveUp));
        var doomed = new PeerSpec("metrics-doomed", PeerDll, ["--config", ConfigPath, "--exit-at-start", "3"]);
        Sys.ActorOf(ProcessSupervisor.Props([doomed], FastRestarts with { MaxRestarts = 1 }), "doomed-supervisor");

        await events.ExpectMsgAsync<PeerGaveUp>(StartTimeout * 2);

        var peer = ("peer", "metrics-doomed");
        // Its failed starts are PeerStartFailed events, counted as start failures (crashes are processes that were up).
        Assert.Equal(1, _supervision.Sum("actors.supervision.peer.give_ups", peer));
        Assert.Equal(0, _supervision.Sum("actors.supervision.peer.starts", peer));
        Assert.True(_supervision.Sum("actors.supervision.peer.start_failures", peer) >= 1, "no failed start was counted");
    }

    protected override void AfterAll()
    {
        _supervision.Dispose();
        _remote.Dispose();
        base.AfterAll();
    }
}
