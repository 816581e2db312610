using Actors.Remote.SharedMemory;

namespace Actors.Remote.FastLane;

/// <summary>A lane's records into a shared-memory ring: each record is one ring record.</summary>
internal sealed class RingRecordSink(RingProducer ring) : ILaneRecordSink
{
    public int MaximumPayload => ring.MaximumPayload;

    public long Backlog => ring.Backlog;

    public long Capacity => ring.Capacity;

    public bool TryClaim(int length, out Span<byte> record) => ring.TryClaim(length, out record);

    public void Commit() => ring.Commit();

    public bool TryWrite(ReadOnlySpan<byte> record) => ring.TryWrite(record);
}
