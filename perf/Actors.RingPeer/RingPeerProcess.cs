using System.Diagnostics;
using Actors.Remote.SharedMemory;

namespace Actors.RingPeer;

/// <summary>
/// The measuring side of a raw ring run: creates a segment, starts the peer program on it as a
/// real child process, and offers the two rings. Disposing stops the peer (killing it if it does
/// not stop in time) and unmaps the segment; the file itself is unlinked as soon as the peer has mapped it.
/// </summary>
public sealed class RingPeerProcess : IDisposable
{
    /// <summary>The line the peer prints once it has mapped the segment.</summary>
    public const string ReadyLine = "READY";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly RingWaiter _replyWaiter;
    private readonly byte[] _reply = new byte[ControlRecords.ReportLength];

    private RingPeerProcess(SharedSegment segment, Process process, WaitStrategy wait)
    {
        Segment = segment;
        _process = process;
        _replyWaiter = new RingWaiter(segment.Inbound, wait, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The segment, this side being its creator.</summary>
    public SharedSegment Segment { get; }

    /// <summary>The peer's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the peer program (<c>Actors.RingPeer.dll</c> beside the calling program) on a fresh segment.</summary>
    public static RingPeerProcess Start(PeerMode mode, int ringSize, WaitStrategy wait, bool verify, TimeSpan readyTimeout)
    {
        var segment = SharedSegment.Create(SegmentFiles.ResolveDirectory(string.Empty), ringSize);
        Process? process = null;
        try
        {
            process = Process.Start(StartInfo(mode, segment.Path, wait, verify))
                ?? throw new InvalidOperationException("the ring peer did not start");
            var ready = process.StandardOutput.ReadLineAsync();
            if (!ready.Wait(readyTimeout) || ready.Result != ReadyLine)
            {
                throw new TimeoutException($"the ring peer did not say {ReadyLine} within {readyTimeout.TotalSeconds:0} s: {process.StandardError.ReadToEnd()}");
            }

            return new RingPeerProcess(segment, process, wait);
        }
        catch
        {
            Kill(process);
            segment.Dispose();
            throw;
        }
        finally
        {
            File.Delete(segment.Path);
        }
    }

    /// <summary>Writes one record, waiting on the core while the ring is full.</summary>
    public void Send(ReadOnlySpan<byte> payload) => PeerLoop.SendSpinning(Segment.Outbound, payload);

    /// <summary>Wakes the peer if it sleeps; call after a batch of <see cref="Send"/>.</summary>
    public void Flush() => Segment.Outbound.WakeConsumer();

    /// <summary>Sends a fence to a sink and returns its report of everything before the fence.</summary>
    public SinkReport Fence(TimeSpan timeout)
    {
        Send(ReadOnlySpan<byte>.Empty);
        Flush();
        ReceiveOne(_reply, timeout);
        return ControlRecords.ReadReport(_reply);
    }

    /// <summary>Waits for the next record from the peer and copies it into <paramref name="destination"/>.</summary>
    /// <returns>The record's length.</returns>
    public int ReceiveOne(Span<byte> destination, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        Func<bool> stop = () => Stopwatch.GetTimestamp() > deadline || _process.HasExited;
        while (true)
        {
            if (Segment.Inbound.TryRead(destination, out var length))
            {
                return length;
            }

            _replyWaiter.WaitForRecords(stop);
            if (!Segment.Inbound.HasRecords && stop())
            {
                throw new TimeoutException(_process.HasExited
                    ? $"the ring peer exited with code {_process.ExitCode} before answering"
                    : $"no answer from the ring peer within {timeout.TotalSeconds:0} s");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Send([0]);
                Flush();
                _process.StandardInput.Close();
                if (!_process.WaitForExit(StopTimeout))
                {
                    Kill(_process);
                }
            }
        }
        finally
        {
            _process.Dispose();
            Segment.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo(PeerMode mode, string segmentPath, WaitStrategy wait, bool verify)
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
        info.ArgumentList.Add(mode == PeerMode.Sink ? "sink" : "echo");
        info.ArgumentList.Add("--segment");
        info.ArgumentList.Add(segmentPath);
        info.ArgumentList.Add("--wait");
        info.ArgumentList.Add(wait switch { WaitStrategy.BusySpin => "busy-spin", WaitStrategy.Yielding => "yielding", _ => "parking" });
        if (verify)
        {
            info.ArgumentList.Add("--verify");
        }

        return info;
    }

    private static void Kill(Process? process)
    {
        try
        {
            process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
