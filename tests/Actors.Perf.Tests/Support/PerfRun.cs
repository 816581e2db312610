using System.Diagnostics;
using System.Text;
using Actors.Supervision;

namespace Actors.Perf.Tests.Support;

/// <summary>
/// One run of the perf suite as a child process, writing into a fresh directory that is removed on
/// dispose. The run is killed (with its partners) if it outlives its timeout.
/// </summary>
public sealed class PerfRun : IDisposable
{
    private PerfRun(string outDirectory, string temporaryDirectory, int exitCode, string output)
    {
        OutDirectory = outDirectory;
        TemporaryDirectory = temporaryDirectory;
        ExitCode = exitCode;
        Output = output;
    }

    public string OutDirectory { get; }

    /// <summary>The run's TMPDIR (scratch directories of the raw baselines land there), removed on dispose.</summary>
    public string TemporaryDirectory { get; }

    public int ExitCode { get; }

    /// <summary>Everything the run printed, standard output and error.</summary>
    public string Output { get; }

    public string File(string name) => Path.Combine(OutDirectory, name);

    public static async Task<PerfRun> StartAsync(TimeSpan timeout, params string[] arguments)
    {
        var outDirectory = Directory.CreateTempSubdirectory("actors-perf-test-").FullName;
        var temporaryDirectory = Directory.CreateTempSubdirectory("actors-perf-test-tmp-").FullName;
        var program = Path.Combine(AppContext.BaseDirectory, "Actors.Perf.dll");
        var startInfo = ProgramStartInfo.Create(program, [.. arguments, "--out", outDirectory]);
        startInfo.Environment["TMPDIR"] = temporaryDirectory;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                throw new TimeoutException($"the perf suite did not finish within {timeout.TotalSeconds:0} s:{Environment.NewLine}{Text(output)}");
            }

            // The asynchronous readers may still hold the last lines.
            process.WaitForExit();
            return new PerfRun(outDirectory, temporaryDirectory, process.ExitCode, Text(output));
        }
        catch
        {
            Directory.Delete(outDirectory, recursive: true);
            Directory.Delete(temporaryDirectory, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        Directory.Delete(OutDirectory, recursive: true);
        Directory.Delete(TemporaryDirectory, recursive: true);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
