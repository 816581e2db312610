using System.Diagnostics;
using System.Globalization;
using Actors.Remote.DeathWatch;
using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Actors.Remote.Sockets;
using Actors.Supervision;
using Actors.TestPeer;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// Death news comes from the kernel only: a neighbour that sends this watcher's listener a hello
/// claiming a live peer's address, then closes or exits, must not have that peer declared dead; a real
/// SIGKILL of the peer still reaches the watcher as <see cref="Terminated"/> at once.
/// </summary>
public abstract class ForgedDeathNewsSpec(string configFile, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath(configFile))), "watcher", output)
{
    private const int AbsentProcessId = 4_000_000;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // Old code announced the forged death within 30-40 ms; two seconds leave it every chance.
    private static readonly TimeSpan NoNewsWindow = TimeSpan.FromSeconds(2);

    /// <summary>How the forger reaches this transport's listener <paramref name="id"/> in the default runtime directory.</summary>
    protected abstract string ForgerTarget(int id);

    [Fact]
    public async Task A_hello_that_claims_a_live_peer_with_an_absent_pid_does_not_terminate_it()
    {
        await using var peer = await StartWatchedPeerAsync();

        await RunForgerAsync(ForgerTarget(OwnAddress.Port!.Value), peer.Address.ToString(), AbsentProcessId);

        await AssertPeerUntouchedAsync(peer);
        await AssertSigkillStillTerminatesAsync(peer);
    }

    [Fact]
    public async Task A_process_that_claims_a_live_peer_address_and_exits_does_not_terminate_it()
    {
        await using var peer = await StartWatchedPeerAsync();

        // The forger stays until this side has looked at its hello and refused its claim (the warning), so its exit
        // cannot outrun the look: over TCP a connection already gone names no process, which would prove nothing.
        var warnings = CreateTestProbe();
        Sys.EventStream.Subscribe(warnings.Ref, typeof(Akka.Event.Warning));
        await RunForgerAsync(
            ForgerTarget(OwnAddress.Port!.Value),
            peer.Address.ToString(),
            processId: null,
            whileHeld: () => warnings.FishForMessageAsync<Akka.Event.Warning>(w => $"{w.Message}".Contains("whose listener here is not that process's", StringComparison.Ordinal), Timeout).AsTask());

        await AssertPeerUntouchedAsync(peer);
        await AssertSigkillStillTerminatesAsync(peer);
    }

    private Address OwnAddress => ((ExtendedActorSystem)Sys).Provider.DefaultAddress;

    private IActorRef? _echo;

    private async Task<ChildActorSystem> StartWatchedPeerAsync()
    {
        var peer = await ChildActorSystem.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll"), ["--config", ConfigPath(configFile)], ReadyTimeout);
        _echo = await Sys.ActorSelection(new RootActorPath(peer.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);
        await WatchAsync(_echo);
        // A round trip after the watch: the watch has reached the remote watcher before anything is forged.
        _echo.Tell("watched");
        await ExpectMsgAsync("watched", Timeout);
        return peer;
    }

    /// <summary>
    /// A real process that sends the forged hello and exits: in its own name (the kernel agrees on its pid), or, as the
    /// drill did, with a pid no process has. With <paramref name="whileHeld"/>, it keeps its connection until that is done.
    /// </summary>
    private static async Task RunForgerAsync(string target, string claimedAddress, int? processId, Func<Task>? whileHeld = null)
    {
        string[] arguments =
        [
            "--forge-hello", target, claimedAddress,
            .. processId is { } pid ? [pid.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
            .. whileHeld is null ? Array.Empty<string>() : ["--hold"],
        ];
        using var forger = new Process
        {
            StartInfo = ProgramStartInfo.Create(Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll"), arguments),
        };
        forger.Start();
        try
        {
            if (whileHeld is not null)
            {
                Assert.Equal("FORGED", await forger.StandardOutput.ReadLineAsync().WaitAsync(Timeout));
                await whileHeld();
                forger.StandardInput.Close();
            }

            await forger.WaitForExitAsync().WaitAsync(Timeout);
        }
        finally
        {
            if (!forger.HasExited)
            {
                forger.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, forger.ExitCode);
    }

    private async Task AssertPeerUntouchedAsync(ChildActorSystem peer)
    {
        await ExpectNoMsgAsync(NoNewsWindow);
        _echo!.Tell("still there");
        await ExpectMsgAsync("still there", Timeout);
        Assert.False(ProcessLiveness.IsGone(peer.ProcessId));
    }

    private async Task AssertSigkillStillTerminatesAsync(ChildActorSystem peer)
    {
        var sinceKill = Stopwatch.StartNew();
        peer.Kill();
        await ExpectTerminatedAsync(_echo!, TimeSpan.FromSeconds(1));
        Output.WriteLine($"config={configFile} terminated_ms={sinceKill.Elapsed.TotalMilliseconds:0}");
    }

    private static string ConfigPath(string configFile) => Path.Combine(AppContext.BaseDirectory, "HOCON", configFile);
}

public sealed class UnixSocketForgedDeathNewsSpec(ITestOutputHelper output) : ForgedDeathNewsSpec("uds.conf", output)
{
    protected override string ForgerTarget(int id) => UnixSocketTransport.SocketPath(RuntimeDirectory.Resolve(""), id);
}

public sealed class NamedPipeForgedDeathNewsSpec(ITestOutputHelper output) : ForgedDeathNewsSpec("pipe.conf", output)
{
    protected override string ForgerTarget(int id) => NamedPipeTransport.PipeName(RuntimeDirectory.Resolve(""), id);
}

/// <remarks>A FIFO carries no credentials: the kernel's word is which process holds the connection's FIFO open.</remarks>
public sealed class FifoForgedDeathNewsSpec(ITestOutputHelper output) : ForgedDeathNewsSpec("fifo.conf", output)
{
    protected override string ForgerTarget(int id) => $"fifo:{id}:{RuntimeDirectory.Resolve("")}";
}

/// <remarks>
/// TCP has no peer credentials: the kernel's word is which process holds the other end of the connection (found by
/// its endpoints in this network namespace's TCP table), and which holds the listener at the claimed address.
/// </remarks>
public sealed class TcpForgedDeathNewsSpec(ITestOutputHelper output) : ForgedDeathNewsSpec("tcp.conf", output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    protected override string ForgerTarget(int id) => $"tcp:127.0.0.1:{id}";

    /// <summary>
    /// The listener this system dials names a live process that does not hold its end of the connection, and that
    /// process dies: believing the hello would announce the listener's address dead though its process still runs.
    /// </summary>
    [Fact]
    public async Task A_dialed_listener_whose_hello_names_another_process_is_not_declared_dead_when_that_process_dies()
    {
        var news = CreateTestProbe();
        Sys.EventStream.Subscribe(news.Ref, typeof(PeerProcessExited));
        using var forger = new Process { StartInfo = ProgramStartInfo.Create(Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll"), ["--forge-tcp-listener"]) };
        forger.Start();
        try
        {
            var line = await forger.StandardOutput.ReadLineAsync().WaitAsync(s_timeout);
            if (line?.Split(' ') is not ["LISTENING", var portText, var helperText])
            {
                throw new InvalidOperationException($"the forger did not start listening: printed={line}");
            }

            var (port, helper) = (int.Parse(portText, CultureInfo.InvariantCulture), int.Parse(helperText, CultureInfo.InvariantCulture));

            // Any message to the forger's address makes this system dial it.
            Sys.ActorSelection($"akka.atcp://forger@127.0.0.1:{port}/user/anyone").Tell("hello");
            Assert.Equal("FORGED", await forger.StandardOutput.ReadLineAsync().WaitAsync(s_timeout));
            await forger.WaitForExitAsync().WaitAsync(s_timeout);
            Assert.Equal(0, forger.ExitCode);
            Assert.True(ProcessLiveness.IsGone(helper), "the process the hello named should be gone");

            await news.ExpectNoMsgAsync(TimeSpan.FromSeconds(2));
        }
        finally
        {
            if (!forger.HasExited)
            {
                forger.Kill(entireProcessTree: true);
            }
        }
    }
}
