using System.Diagnostics;
using Actors.Remote.SharedMemory;

namespace Actors.RingPeer;

/// <summary>Starting and stopping the peer program as a real child process.</summary>
internal static class PeerProgram
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Starts <c>Actors.RingPeer.dll</c> (beside the calling program) with <paramref name="arguments"/>.</summary>
    public static Process Start(IEnumerable<string> arguments)
    {
        var current = Environment.ProcessPath;
        var host = current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Actors.RingPeer.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("the ring peer did not start");
    }

    /// <summary>Waits for the peer's ready line; throws with its error output when it does not come.</summary>
    public static void WaitUntilReady(Process process, TimeSpan timeout)
    {
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(timeout) || ready.Result != RingPeerProcess.ReadyLine)
        {
            throw new TimeoutException(
                $"the ring peer did not say {RingPeerProcess.ReadyLine} within {timeout.TotalSeconds:0} s: {(process.HasExited ? process.StandardError.ReadToEnd() : "(still running)")}");
        }
    }

    /// <summary>Closes the peer's standard input (its cue to stop), waits, and kills it if it lingers.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(StopTimeout))
                {
                    Kill(process);
                }
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Kills the peer, if it still runs.</summary>
    public static void Kill(Process? process)
    {
        try
        {
            process?.Kill(entireProcessTree: true);
            process?.WaitForExit(StopTimeout);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The command-line word of a wait strategy.</summary>
    public static string WaitArgument(WaitStrategy wait) => wait switch
    {
        WaitStrategy.BusySpin => "busy-spin",
        WaitStrategy.Yielding => "yielding",
        _ => "parking",
    };

    /// <summary>A wait strategy from its command-line word.</summary>
    public static WaitStrategy ParseWait(string value) => value switch
    {
        "busy-spin" => WaitStrategy.BusySpin,
        "yielding" => WaitStrategy.Yielding,
        "parking" => WaitStrategy.Parking,
        _ => throw new ArgumentException($"--wait {value}: expected busy-spin, yielding or parking"),
    };
}
