using System.Diagnostics;
using Actors.Supervision;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// A peer process that is alive but stuck (here: stopped with SIGSTOP) keeps its control socket
/// open, so only its heartbeat in the segment tells: it stands still, and after stale-peer-timeout
/// the association is dropped with a log line that says why.
/// </summary>
public sealed class SharedMemoryStalePeerSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ParentConfig(), "parent", output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_stopped_peer_whose_heartbeat_stands_still_is_dropped_after_stale_peer_timeout()
    {
        await using var child = await ChildActorSystem.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll"),
            ["--config", ConfigPath],
            ReadyTimeout);
        var echo = await Sys.ActorSelection(new RootActorPath(child.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);
        echo.Tell("before");
        await ExpectMsgAsync("before", Timeout);

        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(Info));
        var disassociated = CreateTestProbe();
        Sys.EventStream.Subscribe(disassociated.Ref, typeof(DisassociatedEvent));

        var sinceStop = Stopwatch.StartNew();
        await ProcessSignal.SendAsync("STOP", child.ProcessId);
        try
        {
            await logs.FishForMessageAsync<Info>(i => i.Message.ToString()!.Contains("heartbeat stood still"), Timeout);
            await disassociated.ExpectMsgAsync<DisassociatedEvent>(Timeout);
            Output.WriteLine($"stopped peer dropped after {sinceStop.ElapsedMilliseconds} ms (stale-peer-timeout = 1 s)");
        }
        finally
        {
            await ProcessSignal.SendAsync("CONT", child.ProcessId);
            child.Kill();
        }
    }

    private static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "HOCON", "shm.conf");

    private static Config ParentConfig() =>
        ConfigurationFactory.ParseString("""
            akka.remote.actors.shm.heartbeat-interval = 100 ms
            akka.remote.actors.shm.stale-peer-timeout = 1 s
            """).WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath)));
}
