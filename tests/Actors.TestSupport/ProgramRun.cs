using System.Diagnostics;
using Actors.Supervision;

namespace Actors.TestSupport;

/// <summary>
/// Runs a program of ours (a sample, as the README runs it) to its end and keeps everything it
/// printed. A program that outlives the timeout is killed with every process it started.
/// </summary>
public static class ProgramRun
{
    /// <summary>Runs <paramref name="dll"/> with <paramref name="arguments"/>; returns its exit code and its lines (stdout and stderr, in arrival order).</summary>
    /// <exception cref="TimeoutException">It did not end within <paramref name="timeout"/>; it has been killed.</exception>
    public static Task<(int ExitCode, string[] Lines)> RunAsync(string dll, string[] arguments, TimeSpan timeout) =>
        RunAsync(ProgramStartInfo.Create(dll, arguments), timeout);

    /// <summary>Runs a program of the machine's (found on PATH) with <paramref name="arguments"/>, as <see cref="RunAsync(string, string[], TimeSpan)"/> does.</summary>
    /// <exception cref="TimeoutException">It did not end within <paramref name="timeout"/>; it has been killed.</exception>
    public static Task<(int ExitCode, string[] Lines)> RunCommandAsync(string command, string[] arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        return RunAsync(startInfo, timeout);
    }

    private static async Task<(int ExitCode, string[] Lines)> RunAsync(ProcessStartInfo startInfo, TimeSpan timeout)
    {
        var lines = new List<string>();
        using var program = new Process { StartInfo = startInfo };
        program.OutputDataReceived += (_, e) => Add(lines, e.Data);
        program.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        program.Start();
        program.BeginOutputReadLine();
        program.BeginErrorReadLine();
        try
        {
            await program.WaitForExitAsync().WaitAsync(timeout);
        }
        finally
        {
            // On a timeout or a failed wait: the program and the processes it started go with it.
            if (!program.HasExited)
            {
                program.Kill(entireProcessTree: true);
            }
        }

        // The parameterless wait also drains the redirected output.
        program.WaitForExit();
        lock (lines)
        {
            return (program.ExitCode, [.. lines]);
        }
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }
}
