using System.Diagnostics;
using Actors.Supervision;

namespace Actors.Perf.Partner;

/// <summary>
/// A partner process of a contender that is not an Akka system (Proto.Actor, the raw baselines): this
/// program again, started with <c>partner --contender NAME</c>. It announces itself with a line
/// <c>READY &lt;text&gt;</c> and ends when its standard input closes; disposing this closes it and,
/// if the partner has not exited in time, kills it.
/// </summary>
public sealed class PartnerProcess : IAsyncDisposable
{
    /// <summary>The start of the line a partner prints once it is ready.</summary>
    public const string ReadyPrefix = "READY ";

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private PartnerProcess(Process process) => _process = process;

    /// <summary>What the partner put after <see cref="ReadyPrefix"/>.</summary>
    public string Announcement => _ready.Task.Result;

    /// <summary>
    /// Starts the partner for <paramref name="contender"/> and waits for its ready line.
    /// <paramref name="beforeStart"/> may adjust the start info (environment); <paramref name="afterStart"/>
    /// runs at once after the process exists (e.g. to close the parent's copies of inherited handles).
    /// </summary>
    public static async Task<PartnerProcess> StartAsync(
        string contender, string? argument, CancellationToken cancellationToken, Action? afterStart = null)
    {
        var startInfo = ProgramStartInfo.Create(ThisProgram.Path, ThisProgram.PartnerArguments(contender, argument));
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {startInfo.FileName}");
        afterStart?.Invoke();
        var partner = new PartnerProcess(process);
        process.OutputDataReceived += (_, e) => partner.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => partner.OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => partner._ready.TrySetException(new InvalidOperationException(
            $"the {contender} partner exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{partner.OutputText()}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await partner._ready.Task.WaitAsync(ThisProgram.StartTimeout, cancellationToken);
            return partner;
        }
        catch (TimeoutException)
        {
            await partner.DisposeAsync();
            throw new TimeoutException($"the {contender} partner was not ready within {ThisProgram.StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{partner.OutputText()}");
        }
        catch
        {
            await partner.DisposeAsync();
            throw;
        }
    }

    /// <summary>Prints the ready line (the partner's side).</summary>
    public static void AnnounceReady(string text)
    {
        Console.Out.WriteLine(ReadyPrefix + text);
        Console.Out.Flush();
    }

    /// <summary>Completes when standard input ends: the driver closed it, exited or died (the partner's side).</summary>
    public static Task ParentGone() => Task.Factory.StartNew(
        () =>
        {
            try
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                    // The driver never writes here; only the end matters.
                }
            }
            catch (IOException)
            {
                // A broken pipe is an end too.
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone.
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(StopGrace);
        }
        catch (TimeoutException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited after all.
            }

            await _process.WaitForExitAsync().WaitAsync(StopGrace);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            _ready.TrySetResult(line[ReadyPrefix.Length..].Trim());
        }
    }

    private string OutputText()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }
}
