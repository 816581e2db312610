using System.Diagnostics;

namespace Actors.MultiProcess.Tests;

/// <summary>Sends a signal to a process by its id, through kill(1), and checks it was delivered.</summary>
internal static class ProcessSignal
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <param name="signal">The signal's name without SIG, e.g. STOP or CONT.</param>
    public static async Task SendAsync(string signal, int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(0, kill.ExitCode);
    }
}
