using System.Net.Sockets;
using Actors.Remote.Diagnostics;
using Actors.Remote.SharedMemory;

namespace Actors.Remote.FastLane;

/// <summary>
/// A lane over a shared-memory segment and its control connection (<see cref="SharedMemoryLink"/>: heartbeat,
/// peer death by the connection's end): the sender writes the segment's outbound ring, the reader its inbound one.
/// The connection is the shm lane listener's socket, or the stream lane connection the lane moved off.
/// </summary>
internal sealed class RingLaneLink : ILaneSendingLink, ILaneReceivingLink
{
    private static readonly TimeSpan ParkTimeout = TimeSpan.FromMilliseconds(100);

    private readonly SharedMemoryLink _link;
    private readonly RingWaiter _waiter;

    public RingLaneLink(SharedSegment segment, Socket control, SharedMemorySettings settings, WaitStrategy waitStrategy, Action<string> ended)
        : this(new SharedMemoryLink(segment, control, settings, end => ended(end.Reason)), waitStrategy)
    {
    }

    /// <summary>
    /// A lane moved into a ring from a stream lane connection, which stays open to watch the peer. Its records
    /// stay within <paramref name="maximumRecordBytes"/>, the stream's limit (the transport's maximum-frame-size).
    /// </summary>
    public RingLaneLink(SharedSegment segment, Stream control, SharedMemorySettings settings, WaitStrategy waitStrategy, Action<string> ended, int maximumRecordBytes = int.MaxValue)
        : this(new SharedMemoryLink(segment, control, settings, end => ended(end.Reason)), waitStrategy, maximumRecordBytes)
    {
    }

    private RingLaneLink(SharedMemoryLink link, WaitStrategy waitStrategy, int maximumRecordBytes = int.MaxValue)
    {
        _link = link;
        var segment = link.Segment;
        Name = Path.GetFileName(segment.Path);
        Records = new RingRecordSink(segment.Outbound, maximumRecordBytes);
        _waiter = new RingWaiter(segment.Inbound, waitStrategy, ParkTimeout);
    }

    public string Name { get; }

    public string TransportTag => MetricTags.LaneTransport;

    public ILaneRecordSink Records { get; }

    public bool TryEnter() => _link.Segment.Lease().IsHeld;

    public void Exit() => _link.Segment.Exit();

    public void Flush() => _link.Segment.Outbound.WakeConsumer();

    public bool Read(RingConsumer.RecordHandler handler, int limit, bool ending)
    {
        using var lease = _link.Segment.Lease();
        if (!lease.IsHeld)
        {
            return false;
        }

        // What the peer wrote before the lane ended is read too.
        _link.Segment.Inbound.Read(handler, limit);
        return !(ending && !_link.Segment.Inbound.HasRecords);
    }

    /// <summary>
    /// Parks until the peer writes or <paramref name="closed"/> says the lane ended. The wait reads the
    /// ring's memory, so it holds a lease: a segment disposed meanwhile (the peer died, the lane closed)
    /// stays mapped until the wait returns, instead of being unmapped under it.
    /// </summary>
    public void WaitForRecords(Func<bool> closed)
    {
        using var lease = _link.Segment.Lease();
        if (lease.IsHeld)
        {
            _waiter.WaitForRecords(closed);
        }
    }

    public void Start() => _link.Start();

    public void Released()
    {
        // A ring is this lane's alone: records waiting in it hold up nothing else, so its writer never waits for this.
    }

    public void Finish(string reason) => _link.Finish(reason, isError: false);

    public void Dispose() => _link.Dispose();
}
