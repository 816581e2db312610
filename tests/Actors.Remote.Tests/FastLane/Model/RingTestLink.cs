using Actors.Remote.FastLane;
using Actors.Remote.SharedMemory;
using Actors.Remote.Tests.SharedMemory;

namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>The lane's records in a real ring of a mapped segment.</summary>
internal sealed class RingTestLink(int ringSize) : ILaneTestLink
{
    private readonly SegmentPair _ring = new(ringSize);

    public ILaneRecordSink Sink => new RingRecordSink(_ring.Producer);

    public void Read(RingConsumer.RecordHandler handler, int limit) => _ring.Consumer.Read(handler, limit);

    public void Dispose() => _ring.Dispose();
}
