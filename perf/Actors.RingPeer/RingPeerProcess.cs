using System.Diagnostics;
using Actors.Remote.SharedMemory;

namespace Actors.RingPeer;

/// <summary>
/// The measuring side of a raw ring run: creates a segment, starts the peer program on it as a
/// real child process, and offers the two rings. Disposing stops the peer (killing it if it does
/// not stop in time) and unmaps the segment; the file itself is unlinked as soon as the peer has mapped it.
/// </summary>
internal sealed class RingPeerProcess : IRawPeer
{
    /// <summary>The line the peer prints once it has mapped the segment.</summary>
    public const string ReadyLine = "READY";

    private readonly Process _process;
    private readonly RingWaiter _replyWaiter;

    // When a wait for an answer gives up; one delegate for every wait, so a round trip allocates nothing.
    private readonly Func<bool> _giveUp;
    private long _deadline;

    private RingPeerProcess(SharedSegment segment, Process process, WaitStrategy wait)
    {
        Segment = segment;
        _process = process;
        _replyWaiter = new RingWaiter(segment.Inbound, wait, TimeSpan.FromMilliseconds(100));
        _giveUp = () => Stopwatch.GetTimestamp() > _deadline || _process.HasExited;
    }

    /// <summary>The segment, this side being its creator.</summary>
    public SharedSegment Segment { get; }

    /// <inheritdoc />
    public int ProcessId => _process.Id;

    /// <summary>Starts the peer program (<c>Actors.RingPeer.dll</c> beside the calling program) on a fresh segment.</summary>
    public static RingPeerProcess Start(PeerMode mode, int ringSize, WaitStrategy wait, bool verify, TimeSpan readyTimeout)
    {
        var segment = SharedSegment.Create(SegmentFiles.ResolveDirectory(string.Empty), ringSize);
        Process? process = null;
        try
        {
            var arguments = new List<string> { mode == PeerMode.Sink ? "sink" : "echo", "--segment", segment.Path, "--wait", PeerProgram.WaitArgument(wait) };
            if (verify)
            {
                arguments.Add("--verify");
            }

            process = PeerProgram.Start(arguments);
            PeerProgram.WaitUntilReady(process, readyTimeout);
            return new RingPeerProcess(segment, process, wait);
        }
        catch
        {
            PeerProgram.Kill(process);
            process?.Dispose();
            segment.Dispose();
            throw;
        }
        finally
        {
            File.Delete(segment.Path);
        }
    }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> payload) => PeerLoop.SendSpinning(Segment.Outbound, payload);

    /// <inheritdoc />
    public void Flush() => Segment.Outbound.WakeConsumer();

    /// <inheritdoc />
    public int ReceiveOne(Span<byte> destination, TimeSpan timeout)
    {
        _deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (Segment.Inbound.TryRead(destination, out var length))
            {
                return length;
            }

            _replyWaiter.WaitForRecords(_giveUp);
            if (!Segment.Inbound.HasRecords && _giveUp())
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
            }
        }
        finally
        {
            PeerProgram.Stop(_process);
            Segment.Dispose();
        }
    }
}
