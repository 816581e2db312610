using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Actors.Supervision;
using Actors.TestPeer;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// A real peer runs out of descriptors while connections pile up on one of its listeners (raw
/// connections that never say hello, each holding one of its descriptors until handshake-timeout). Once
/// they are gone, a fresh system must associate and get a reply: a listener that met EMFILE waits it out
/// instead of giving up for good. A transport joins by subclassing.
/// </summary>
/// <remarks>
/// The peer's limit is set once it is warmed up, from what it then holds: a .NET process keeps a
/// descriptor open for every assembly it has loaded, so what it holds grows with the code paths it has run
/// (seen: 101 after start, 114 once a hello had failed and a stack trace had been logged). A fixed
/// <c>ulimit -n</c> set at start left too little room on one machine and enough on another.
/// </remarks>
public abstract class DescriptorExhaustionSpec(string configFile, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath(configFile))), "fresh", output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // Enough to pass the peer's limit whatever it holds; each is one descriptor here.
    private const int MaximumHogs = 200;

    /// <summary>
    /// Descriptors the peer may take above what it holds once warmed up, besides the listeners' reserve:
    /// the silent connections it accepts before it runs out, and room for assemblies it loads later. Below
    /// maximum-pending-handshakes (64), so silent connections exhaust it before that limit turns them away.
    /// </summary>
    private const int RoomAboveWarm = 24;

    // What listeners leave free for the rest of the process (the peer's warning states it).
    private const int ListenerReserve = 16;

    [Fact]
    public async Task A_peer_that_ran_out_of_descriptors_accepts_again_once_connections_close()
    {
        await using var peer = await ChildActorSystem.StartAsync(
            ProgramStartInfo.DotnetHost(), [PeerDll, "--config", ConfigPath(configFile)], ReadyTimeout);
        await WarmUpAsync(peer);
        var limit = OpenDescriptors(peer.ProcessId) + ListenerReserve + RoomAboveWarm;
        await LowerDescriptorLimitAsync(peer.ProcessId, limit);

        var hogs = new List<Socket>();
        try
        {
            while (!RanOutOfDescriptors(peer) && hogs.Count < MaximumHogs)
            {
                hogs.Add(await ConnectSilentlyAsync(peer.Address));
            }

            await AwaitConditionAsync(() => Task.FromResult(RanOutOfDescriptors(peer)), Timeout, message: "the peer never ran out of descriptors");
            Output.WriteLine($"config={configFile} limit={limit} hogs={hogs.Count}");
        }
        finally
        {
            foreach (var hog in hogs)
            {
                hog.Dispose();
            }
        }

        await BeforeFreshAssociationAsync();
        var echo = await ResolveWithinAsync(new RootActorPath(peer.Address) / "user" / EchoActor.Name, TimeSpan.FromSeconds(30), peer);
        echo.Tell("after the exhaustion");
        await ExpectMsgAsync("after the exhaustion", Timeout);
        await AfterReplyAsync(peer.Address, echo);

        Assert.False(peer.HasExited, "the peer died");
        Assert.Contains(peer.Output, line => line.Contains("ran out of file descriptors", StringComparison.Ordinal));

        // Logged before the accept that let the fresh system in, but the peer's log reaches this process
        // by its own way (logger actor, stdout, a reader here): the reply can come first.
        await AwaitConditionAsync(
            () => Task.FromResult(peer.Output.Any(line => line.Contains("accepting again after", StringComparison.Ordinal))),
            Timeout,
            message: "the peer never logged that it accepts again");
    }

    /// <summary>The listener whose descriptors the raw connections take.</summary>
    protected abstract EndPoint ListenerOf(Address peer);

    /// <summary>Runs before the fresh association, once the raw connections are closed.</summary>
    protected virtual Task BeforeFreshAssociationAsync() => Task.CompletedTask;

    /// <summary>Runs once the peer has replied: more checks of a transport.</summary>
    protected virtual Task AfterReplyAsync(Address peer, IActorRef echo) => Task.CompletedTask;

    /// <summary>
    /// Runs the code paths the test will make the peer run, so their assemblies are loaded before its
    /// descriptors are counted: an association from another system with a message each way (and, by
    /// sending to user actors, a lane where the config has one), a connection that says nothing, and that
    /// system's going away.
    /// </summary>
    private async Task WarmUpAsync(ChildActorSystem peer)
    {
        var warmUp = ActorSystem.Create("warmup", ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath(configFile))));
        try
        {
            var probe = CreateTestProbe(warmUp);
            var echo = await warmUp.ActorSelection(new RootActorPath(peer.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);
            echo.Tell("warming up", probe.Ref);
            await probe.ExpectMsgAsync("warming up", Timeout);
            using var silent = await ConnectSilentlyAsync(peer.Address);
        }
        finally
        {
            await warmUp.Terminate().WaitAsync(Timeout);
        }
    }

    private static int OpenDescriptors(int processId) => Directory.GetFileSystemEntries($"/proc/{processId}/fd").Length;

    /// <summary>Sets the peer's RLIMIT_NOFILE (soft and hard) while it runs, with util-linux's prlimit.</summary>
    private static async Task LowerDescriptorLimitAsync(int processId, int limit)
    {
        var (exitCode, lines) = await ProgramRun.RunCommandAsync("prlimit", ["--pid", processId.ToString(CultureInfo.InvariantCulture), $"--nofile={limit}:{limit}"], Timeout);
        Assert.True(exitCode == 0, $"prlimit failed: exit={exitCode}, {string.Join(" ", lines)}");
    }

    protected static string ConfigPath(string configFile) => Path.Combine(AppContext.BaseDirectory, "HOCON", configFile);

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    // Before the back-off the loop ended logging "Too many open files"; now it logs what ran out.
    private static bool RanOutOfDescriptors(ChildActorSystem peer) =>
        peer.Output.Any(line => line.Contains("Too many open files", StringComparison.Ordinal) || line.Contains("ran out of file descriptors", StringComparison.Ordinal));

    private async Task<Socket> ConnectSilentlyAsync(Address peer)
    {
        var endPoint = ListenerOf(peer);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            using var deadline = new CancellationTokenSource(Timeout);
            await socket.ConnectAsync(endPoint, deadline.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Resolves <paramref name="path"/>, asking again while associations fail (Akka drops what it cannot deliver).</summary>
    private async Task<IActorRef> ResolveWithinAsync(ActorPath path, TimeSpan within, ChildActorSystem peer)
    {
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            try
            {
                return await Sys.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(3));
            }
            catch (ActorNotFoundException) when (!deadline.IsCancellationRequested)
            {
                // Not reached yet: the listener may still be waiting out the exhaustion.
            }
            catch (ActorNotFoundException e)
            {
                throw new TimeoutException(
                    $"no reply from {path} within {within.TotalSeconds:0} s after the exhaustion; the peer holds {DescribeDescriptors(peer.ProcessId)}; it said:{Environment.NewLine}{string.Join(Environment.NewLine, peer.Output.TakeLast(60))}", e);
            }
        }
    }

    /// <summary>What the peer's descriptors are, counted by kind (socket, pipe, anon_inode, file), and its thread count.</summary>
    private static string DescribeDescriptors(int processId)
    {
        try
        {
            var kinds = Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd")
                .Select(fd => new FileInfo(fd).LinkTarget ?? "?")
                .GroupBy(target => target.Split(':')[0].Split('/').Take(2).Aggregate((a, b) => a + "/" + b))
                .Select(kind => $"{kind.Count()} {kind.Key}");
            var threads = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(line => line.StartsWith("Threads:", StringComparison.Ordinal));
            return $"descriptors [{string.Join(", ", kinds)}], {threads}";
        }
        catch (IOException e)
        {
            return $"descriptors unknown ({e.Message})";
        }
    }

    /// <summary>A socket file in the runtime directory.</summary>
    protected static UnixDomainSocketEndPoint SocketIn(string file) => new(Path.Combine(RuntimeDirectory.Resolve(""), file));
}

public sealed class UnixSocketDescriptorExhaustionSpec(ITestOutputHelper output) : DescriptorExhaustionSpec("uds.conf", output)
{
    protected override EndPoint ListenerOf(Address peer) =>
        SocketIn(Path.GetFileName(UnixSocketTransport.SocketPath("", peer.Port!.Value)));
}

/// <remarks>The shm control socket: a fresh association must also get a descriptor for its segment.</remarks>
public sealed class SharedMemoryDescriptorExhaustionSpec(ITestOutputHelper output) : DescriptorExhaustionSpec("shm.conf", output)
{
    protected override EndPoint ListenerOf(Address peer) =>
        SocketIn(Path.GetFileName(SharedMemoryTransport.ControlSocketPath("", peer.Port!.Value)));
}

public sealed class NamedPipeDescriptorExhaustionSpec(ITestOutputHelper output) : DescriptorExhaustionSpec("pipe.conf", output)
{
    protected override EndPoint ListenerOf(Address peer) =>
        SocketIn(Path.GetFileName(NamedPipeTransport.PipeName("", peer.Port!.Value)));
}

public sealed class TcpDescriptorExhaustionSpec(ITestOutputHelper output) : DescriptorExhaustionSpec("tcp.conf", output)
{
    protected override EndPoint ListenerOf(Address peer) => new IPEndPoint(IPAddress.Parse(peer.Host!), peer.Port!.Value);
}

/// <remarks>
/// The lane listener's control socket is exhausted: the fresh system's lane to the peer must open
/// (its log says "fast lane to ... open (...)") once the connections are gone.
/// </remarks>
public sealed class LaneDescriptorExhaustionSpec(ITestOutputHelper output) : DescriptorExhaustionSpec("lane.conf", output)
{
    private Task<string> _laneOpened = Task.FromResult(string.Empty);

    protected override EndPoint ListenerOf(Address peer) => SocketIn($"lane-{peer.Port!.Value}.sock");

    protected override Task BeforeFreshAssociationAsync()
    {
        _laneOpened = LogLines.Watch(Sys, line => line.StartsWith("fast lane to ", StringComparison.Ordinal) && line.Contains(" open (", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    protected override async Task AfterReplyAsync(Address peer, IActorRef echo)
    {
        // A message to a user actor opens the lane; one that failed to open is tried again by a message
        // sent 5 s later or more.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!_laneOpened.IsCompleted)
        {
            echo.Tell("on the lane");
            try
            {
                await _laneOpened.WaitAsync(TimeSpan.FromSeconds(2), deadline.Token);
            }
            catch (TimeoutException)
            {
                // Not open yet: tell again.
            }
        }
    }
}
