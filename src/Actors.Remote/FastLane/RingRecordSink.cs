using Actors.Remote.SharedMemory;

namespace Actors.Remote.FastLane;

/// <summary>A lane's records into a shared-memory ring: each record is one ring record.</summary>
/// <param name="ring">The ring the records go into.</param>
/// <param name="maximumPayload">The largest record the lane takes, when less than the ring's: a lane moved off a stream keeps the transport's maximum-frame-size.</param>
internal sealed class RingRecordSink(RingProducer ring, int maximumPayload = int.MaxValue) : ILaneRecordSink
{
    public int MaximumPayload => Math.Min(ring.MaximumPayload, maximumPayload);

    public long Backlog => ring.Backlog;

    public long Capacity => ring.Capacity;

    public bool TryClaim(int length, out Span<byte> record) => ring.TryClaim(length, out record);

    public void Commit() => ring.Commit();

    public bool TryWrite(ReadOnlySpan<byte> record) => ring.TryWrite(record);
}
