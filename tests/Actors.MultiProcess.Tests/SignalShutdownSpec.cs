using System.Diagnostics;
using System.Globalization;
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
/// SIGTERM, SIGINT or SIGQUIT to an Actors process runs CoordinatedShutdown (ParentLink.ShutDownOnSignals):
/// work the peer has started finishes, its transport closes cleanly and removes its socket file, a
/// watcher here gets <see cref="Terminated"/>, and the process exits 0.
/// </summary>
/// <remarks>
/// A message that is still on its way when the signal lands is a race (the signal may reach the peer's
/// shutdown before the message reaches its actor, and an actor being stopped drops what is left in its
/// mailbox), so no test can promise its reply. What is deterministic is asserted instead: once the
/// peer has started on a request, everything that request sends still arrives. That holds while the
/// transport drains what Akka flushed into it before it closes (within flush-timeout).
/// </remarks>
public sealed class SignalShutdownSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath)), "parent", output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(15);

    private static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "HOCON", "uds.conf");

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("QUIT")]
    public async Task Peer_should_shut_down_cleanly_and_exit_0_when_it_gets_a_signal(string signal)
    {
        await using var child = await StartPeerAsync();
        var socketFile = UnixSocketTransport.SocketPath(RuntimeDirectory.Resolve(""), child.Address.Port!.Value);
        Assert.True(File.Exists(socketFile), "the child's socket file should exist while it runs");
        var echo = await ResolveEchoAsync(child);
        await WatchAsync(echo);

        var sinceSignal = Stopwatch.StartNew();
        await Send(signal, child.ProcessId);
        await ExpectTerminatedAsync(echo, ExitBound);
        var terminatedAfter = sinceSignal.Elapsed;
        Assert.True(await child.WaitForExitAsync(ExitBound), $"SIG{signal} did not end the child within {ExitBound.TotalSeconds} s");
        var exitedAfter = sinceSignal.Elapsed;

        Output.WriteLine($"signal=SIG{signal} terminated_ms={terminatedAfter.TotalMilliseconds:0} exited_ms={exitedAfter.TotalMilliseconds:0}");
        Assert.Equal(0, child.ExitCode);
        Assert.False(File.Exists(socketFile), "the socket file is left behind after a clean shutdown");
        Assert.Contains(child.Output, line => line.Contains("Remoting shut down", StringComparison.Ordinal));
    }

    /// <param name="signal">The signal.</param>
    /// <param name="count">How many messages the request makes the peer send; the signal lands among them.</param>
    [Theory]
    [InlineData("TERM", 2_000)]
    [InlineData("INT", 2_000)]
    [InlineData("TERM", 20_000)]
    public async Task Peer_should_finish_a_request_it_has_started_when_a_signal_lands_during_it(string signal, int count)
    {
        await using var child = await StartPeerAsync();
        var echo = await ResolveEchoAsync(child);

        echo.Tell(new SendTo(TestActor, count));
        // The first reply proves the peer has the request; the rest are still on their way when the signal lands.
        await ExpectMsgAsync<FromPeer>(m => Assert.Equal(0, m.Seq), Timeout);
        await Send(signal, child.ProcessId);

        for (var seq = 1; seq < count; seq++)
        {
            var expected = new FromPeer(seq, child.ProcessId);
            await ExpectMsgAsync<FromPeer>(m => Assert.Equal(expected, m), Timeout);
        }

        Assert.True(await child.WaitForExitAsync(ExitBound), $"SIG{signal} did not end the child within {ExitBound.TotalSeconds} s");
        Assert.Equal(0, child.ExitCode);
    }

    /// <summary>Sends SIG<paramref name="signal"/> with kill(1), as an operator would.</summary>
    /// <remarks>
    /// A signal the child inherited as ignored never reaches a handler (.NET keeps it ignored), so that
    /// case fails here with the reason instead of as a timeout later.
    /// </remarks>
    internal static async Task Send(string signal, int processId)
    {
        Assert.False(
            IsIgnored(processId, signal),
            $"SIG{signal} is ignored in process {processId}, inherited from the test host (a background job of a non-interactive shell ignores SIGINT and SIGQUIT): run the tests in the foreground");

        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {processId}") { UseShellExecute = false })!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>
    /// Starts the peer with SIGINT and SIGQUIT back at their defaults (env --default-signal): a test host
    /// started as a background job inherits them ignored, and an ignored signal never reaches a handler.
    /// </summary>
    private static Task<ChildActorSystem> StartPeerAsync() =>
        ChildActorSystem.StartAsync("env", ["--default-signal=INT,QUIT", "dotnet", PeerDll, "--config", ConfigPath], ReadyTimeout);

    private async Task<IActorRef> ResolveEchoAsync(ChildActorSystem child) =>
        await Sys.ActorSelection(new RootActorPath(child.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);

    // Linux lists a process's ignored signals as a hex mask in /proc/<pid>/status; bit n-1 is signal n.
    private static bool IsIgnored(int processId, string signal)
    {
        var number = signal switch
        {
            "INT" => 2,
            "QUIT" => 3,
            "TERM" => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "expected TERM, INT or QUIT"),
        };
        const string field = "SigIgn:";
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var mask = ulong.Parse(line.AsSpan(field.Length).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return (mask & (1UL << (number - 1))) != 0;
    }
}
