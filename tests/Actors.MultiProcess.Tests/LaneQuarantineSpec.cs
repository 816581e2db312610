using System.Diagnostics;
using Actors.Remote.FastLane;
using Actors.Supervision;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// A lane peer stopped with SIGSTOP long enough to be declared dead is quarantined; after SIGCONT it is
/// alive again, but that incarnation gets nothing more through the reference we hold, as over every
/// classic transport (it used to answer every Ask through the lane that stayed open).
/// </summary>
public sealed class LaneQuarantineSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath)), "parent", output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // lane.conf's watch failure detector (1 s heartbeats, 3 s acceptable pause) gives up in about 5 s.
    private static readonly TimeSpan DeclaredDeadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_peer_declared_dead_and_quarantined_gets_nothing_through_the_lane_after_it_resumes()
    {
        await using var child = await ChildActorSystem.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll"), ["--config", ConfigPath], ReadyTimeout);
        var echo = await Sys.ActorSelection(new RootActorPath(child.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);
        Assert.IsType<LaneActorRef>(echo);
        // The first Tell opens the lane (in a few milliseconds); Asks for a second make sure it carries them.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            Assert.Equal("before", await echo.Ask<string>("before", Timeout));
        }

        await WatchAsync(echo);
        var clock = Stopwatch.StartNew();
        await ProcessSignal.SendAsync("STOP", child.ProcessId);
        try
        {
            await ExpectTerminatedAsync(echo, DeclaredDeadTimeout);
            Output.WriteLine($"declared dead {clock.ElapsedMilliseconds} ms after SIGSTOP");
        }
        finally
        {
            await ProcessSignal.SendAsync("CONT", child.ProcessId);
        }

        // Alive again, and quarantined: neither an Ask nor a Tell reaches it, by the lane or otherwise.
        await Assert.ThrowsAsync<AskTimeoutException>(() => echo.Ask<string>("after the quarantine", TimeSpan.FromSeconds(3)));
        echo.Tell("a tell after the quarantine", TestActor);
        await ExpectNoMsgAsync(TimeSpan.FromSeconds(2));
        child.Kill();
    }

    private static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "HOCON", "lane.conf");
}
