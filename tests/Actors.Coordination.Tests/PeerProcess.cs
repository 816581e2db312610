using System.Diagnostics;
using System.Threading.Channels;
using Actors.Supervision;

namespace Actors.Coordination.Tests;

/// <summary>
/// One Actors.CoordinationPeer process with its stdout as a stream of lines; killed when disposed
/// (so a failing test leaves no process behind).
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private static readonly string s_peer = Path.Combine(AppContext.BaseDirectory, "Actors.CoordinationPeer.dll");

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _errors = [];

    private PeerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static PeerProcess Start(params string[] arguments)
    {
        var process = new Process { StartInfo = ProgramStartInfo.Create(s_peer, arguments) };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                peer._lines.Writer.TryWrite(line);
            }
            else
            {
                peer._lines.Writer.TryComplete();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (peer._errors)
                {
                    peer._errors.Add(line);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>The next line it prints.</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">It ended first; the message carries its stderr.</exception>
    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        try
        {
            return await _lines.Reader.ReadAsync().AsTask().WaitAsync(timeout);
        }
        catch (ChannelClosedException)
        {
            lock (_errors)
            {
                throw new InvalidOperationException($"peer ended without a line: pid={Id}, stderr={string.Join(" | ", _errors)}");
            }
        }
    }

    /// <summary>Sends a line to its stdin.</summary>
    public Task WriteLineAsync(string line) => _process.StandardInput.WriteLineAsync(line);

    /// <summary>SIGKILL (Process.Kill sends it on Unix), then waits for the end.</summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    /// <summary>Waits for it to end; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing to kill.
        }

        _process.Dispose();
    }
}
