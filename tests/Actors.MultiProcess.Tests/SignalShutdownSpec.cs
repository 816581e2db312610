using System.Diagnostics;
using Actors.Remote.Platform;
using Actors.Remote.Sockets;
using Actors.Supervision;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// SIGTERM or SIGINT to an Actors process runs CoordinatedShutdown: the transports close cleanly,
/// their files are removed, and the process exits 0.
/// </summary>
public sealed class SignalShutdownSpec
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("QUIT")]
    public async Task Signal_runs_coordinated_shutdown_removes_the_socket_file_and_exits_0(string signal)
    {
        var peerDll = Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");
        var config = Path.Combine(AppContext.BaseDirectory, "HOCON", "uds.conf");
        await using var child = await ChildActorSystem.StartAsync(peerDll, ["--config", config], ReadyTimeout);
        var socketFile = UnixSocketTransport.SocketPath(RuntimeDirectory.Resolve(""), child.Address.Port!.Value);
        Assert.True(File.Exists(socketFile), "the child's socket file should exist while it runs");

        await Send(signal, child.ProcessId);

        Assert.True(await child.WaitForExitAsync(ExitBound), $"SIG{signal} did not end the child within {ExitBound.TotalSeconds} s");
        Assert.Equal(0, child.ExitCode);
        Assert.False(File.Exists(socketFile), "the socket file is left behind after a clean shutdown");
        Assert.Contains(child.Output, line => line.Contains("Remoting shut down", StringComparison.Ordinal));
    }

    /// <summary>Sends SIG<paramref name="signal"/> with kill(1), as an operator would.</summary>
    internal static async Task Send(string signal, int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {processId}") { UseShellExecute = false })!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
    }
}
