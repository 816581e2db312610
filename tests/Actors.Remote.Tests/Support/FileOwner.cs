using System.Diagnostics;

namespace Actors.Remote.Tests.Support;

/// <summary>Gives a file to another user, as that user would own it had they made it (needs root).</summary>
public static class FileOwner
{
    /// <summary>A user id no account on a test machine has.</summary>
    public const uint OtherUserId = 12345;

    /// <summary>Runs <c>chown</c> on <paramref name="path"/> (without following a link).</summary>
    public static void Give(string path, uint userId)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", ["-h", $"{userId}:{userId}", path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("chown did not start");
        if (!chown.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            chown.Kill();
            throw new TimeoutException($"chown {path} did not finish");
        }

        Assert.Equal(0, chown.ExitCode);
    }
}
