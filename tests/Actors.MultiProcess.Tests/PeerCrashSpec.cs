using System.Diagnostics;
using Actors.Remote.DeathWatch;
using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Actors.Supervision;
using Actors.TestPeer;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// A real child process on a shipped transport config: messages cross both ways, then the child is
/// killed with SIGKILL and the watcher here must get <see cref="Terminated"/> within a bound.
/// A transport joins by subclassing with its config file.
/// </summary>
public abstract class PeerCrashSpec(string configFile, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath(configFile))), "parent", output)
{
    protected static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How soon after the SIGKILL the watcher must get Terminated. Every transport here confirms the
    /// death of a peer on this machine itself (TCP too: the kernel's TCP table names the process at the
    /// other end): the promise is 1 s (measured: under 100 ms). The TCP leaves keep the failure
    /// detector's bound (1 s heartbeats, 3 s acceptable pause: 4-5 s) and prove the kernel's word by
    /// <see cref="PeerProcessExited"/> instead.
    /// </summary>
    protected virtual TimeSpan TerminatedBound => TimeSpan.FromSeconds(1);

    /// <summary>The lane's transport tag when the config turns the lane on over a stream link: messages to the child must take it.</summary>
    protected virtual string? LaneTransport => null;

    [Fact]
    public async Task Child_process_talks_both_ways_and_its_SIGKILL_reaches_the_watcher_as_Terminated()
    {
        using var metrics = new MetricRecorder(RemoteMetricsMeter, Sys.Name);
        await using var child = await StartPeerAsync(["--config", ConfigPath(configFile)]);
        var echo = await Sys.ActorSelection(new RootActorPath(child.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);

        // Parent to child and back.
        echo.Tell("hello child");
        await ExpectMsgAsync("hello child", Timeout);

        // Child to parent, started by the child.
        echo.Tell(new SendTo(TestActor, 10));
        for (var i = 0; i < 10; i++)
        {
            var expected = new FromPeer(i, child.ProcessId);
            await ExpectMsgAsync<FromPeer>(m => Assert.Equal(expected, m), Timeout);
        }

        if (LaneTransport is { } lane)
        {
            // The first Tell opened the lane; once open, messages take it and its counter moves.
            await AwaitAssertAsync(
                async () =>
                {
                    echo.Tell("by the lane");
                    await ExpectMsgAsync("by the lane", Timeout);
                    Assert.True(metrics.Sum("actors.remote.messages.sent", ("path", "lane"), ("transport", lane)) > 0, $"no message took the lane over {lane}");
                },
                Timeout);
        }

        await WatchAsync(echo);
        var disassociated = CreateTestProbe();
        Sys.EventStream.Subscribe(disassociated.Ref, typeof(DisassociatedEvent));
        var deathNews = CreateTestProbe();
        Sys.EventStream.Subscribe(deathNews.Ref, typeof(PeerProcessExited));

        var sinceKill = Stopwatch.StartNew();
        child.Kill();
        await disassociated.ExpectMsgAsync<DisassociatedEvent>(Timeout);
        var disassociatedAfter = sinceKill.Elapsed;
        await ExpectTerminatedAsync(echo, TerminatedBound);
        var terminatedAfter = sinceKill.Elapsed;

        Output.WriteLine($"config={configFile} disassociated_ms={disassociatedAfter.TotalMilliseconds:0} terminated_ms={terminatedAfter.TotalMilliseconds:0}");

        // The death was the kernel's word, not the failure detector's guess.
        var news = await deathNews.ExpectMsgAsync<PeerProcessExited>(Timeout);
        Assert.Equal((child.Address, child.ProcessId), (news.Address, news.ProcessId));
        Assert.True(await child.WaitForExitAsync(Timeout), "the killed child is still running");
        await AssertFilesRemovedBySurvivorAsync(child.Address);
        await AssertLeftoversReclaimedAsync(child.Address);
    }

    /// <summary>The test peer program, beside the tests.</summary>
    protected static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    /// <summary>Starts the test peer as a child; transports with their own way of starting children override this.</summary>
    protected virtual Task<ChildActorSystem> StartPeerAsync(string[] arguments) =>
        ChildActorSystem.StartAsync(PeerDll, arguments, ReadyTimeout);

    /// <summary>
    /// The files a SIGKILL leaves behind until the next system on the transport starts (request FIFOs):
    /// only the dead process could have removed them. Transports that leave nothing return none.
    /// </summary>
    protected virtual IEnumerable<string> FilesLeftBy(Address killedChild) => [];

    /// <summary>
    /// The listener files of the killed child that this system, the survivor, removes once it has
    /// confirmed the child's death (socket files): nobody has to wait for the next start.
    /// </summary>
    protected virtual IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) => [];

    private async Task AssertFilesRemovedBySurvivorAsync(Address killedChild)
    {
        foreach (var file in FilesRemovedBySurvivor(killedChild))
        {
            await AwaitConditionAsync(() => Task.FromResult(!File.Exists(file)), Timeout, message: $"the survivor did not remove {file}");
        }
    }

    /// <summary>What the killed child left is there, and the next system on the same transport reclaims it.</summary>
    private async Task AssertLeftoversReclaimedAsync(Address killedChild)
    {
        var leftovers = FilesLeftBy(killedChild).ToArray();
        Assert.All(leftovers, file => Assert.True(File.Exists(file), $"SIGKILL should leave {file} behind"));

        var system = ActorSystem.Create("fresh", ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath(configFile))));
        try
        {
            Assert.All(leftovers, file => Assert.False(File.Exists(file), $"the next system did not reclaim {file}"));
        }
        finally
        {
            await system.Terminate().WaitAsync(Timeout);
        }
    }

    protected static string ConfigPath(string configFile) => ShippedConfigs.PathOf(configFile);

    private const string RemoteMetricsMeter = "Actors.Remote";
}

public sealed class TcpPeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("tcp.conf", output)
{
    protected override TimeSpan TerminatedBound => TimeSpan.FromSeconds(15);
}

public sealed class UnixSocketPeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("uds.conf", output)
{
    protected override IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) =>
        [UnixSocketTransport.SocketPath(RuntimeDirectory.Resolve(""), killedChild.Port!.Value)];
}

public sealed class NamedPipePeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("pipe.conf", output)
{
    protected override IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) =>
        [NamedPipeTransport.PipeName(RuntimeDirectory.Resolve(""), killedChild.Port!.Value)];
}

/// <remarks>The connection FIFOs are unlinked once an association is set up; the request FIFO is removed by the survivor.</remarks>
public sealed class FifoPeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("fifo.conf", output)
{
    protected override IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) =>
        [FifoNames.RequestPath(RuntimeDirectory.Resolve(""), killedChild.Port!.Value)];
}

/// <remarks>
/// The segment is unlinked once both sides have mapped it; the control socket file is removed by the
/// survivor. The peer's death arrives as the end of the control socket.
/// </remarks>
public sealed class SharedMemoryPeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("shm.conf", output)
{
    protected override IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) =>
        [SharedMemoryTransport.ControlSocketPath(RuntimeDirectory.Resolve(""), killedChild.Port!.Value)];
}

/// <remarks>
/// With the fast lane on, messages both ways take the lanes; the peer's death ends its lanes (their
/// control sockets end) and reaches the watcher as fast as over plain shm. The two control socket
/// files a SIGKILL leaves are removed by the survivor.
/// </remarks>
public sealed class LanePeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("lane.conf", output)
{
    protected override IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) =>
    [
        SharedMemoryTransport.ControlSocketPath(RuntimeDirectory.Resolve(""), killedChild.Port!.Value),
        Path.Combine(RuntimeDirectory.Resolve(""), $"lane-{killedChild.Port!.Value}.sock"),
    ];
}

/// <remarks>
/// The lane over a Unix-domain socket connection of its own: messages to the child take it (its counter
/// moves); the child's death ends the lane's connection and reaches the watcher as over plain uds.
/// </remarks>
public sealed class LaneOverUdsPeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("lane+uds.conf", output)
{
    protected override string? LaneTransport => "uds";

    protected override IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) =>
        [UnixSocketTransport.SocketPath(RuntimeDirectory.Resolve(""), killedChild.Port!.Value)];
}

/// <remarks>The lane over a TCP connection of its own; the death is confirmed by the kernel, as over plain atcp.</remarks>
public sealed class LaneOverTcpPeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("lane+tcp.conf", output)
{
    protected override string? LaneTransport => "atcp";

    protected override TimeSpan TerminatedBound => TimeSpan.FromSeconds(15);
}

/// <remarks>
/// The automatic choice (<c>auto.conf</c>): both processes have atcp addresses alone, share this machine and
/// user, and their lanes move into shared-memory rings by themselves (the ring's counter moves); the child's
/// death ends the ring's watching connection and the classic atcp association, whose peer the kernel names: the
/// death is confirmed by the kernel, as over plain atcp.
/// </remarks>
public sealed class AutoLanePeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("auto.conf", output)
{
    protected override string? LaneTransport => "shm";

    protected override TimeSpan TerminatedBound => TimeSpan.FromSeconds(15);
}
