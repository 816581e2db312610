using System.Diagnostics;

namespace Actors.MultiProcess.Tests;

/// <summary>Sends a signal to a child process, as a person at a shell would (<c>kill -STOP pid</c>).</summary>
internal static class ProcessSignals
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task SendAsync(string signal, int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {processId}") { UseShellExecute = false })!;
        await kill.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(0, kill.ExitCode);
    }
}
