using Actors.Remote.FastLane;
using Actors.Remote.SharedMemory;

namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>
/// The lane's records as a stream lane carries them: a <see cref="StreamRecordSink"/> of one ring's capacity, its
/// batches written to a byte stream, and a <see cref="StreamLaneReceiver"/> cutting that stream into records. A read
/// first moves the written batch onto the stream (what the sender's flusher does), which makes room.
/// </summary>
internal sealed class StreamTestLink : ILaneTestLink
{
    private readonly StreamRecordSink _sink;
    private readonly LoopbackStream _wire = new();
    private readonly StreamLaneReceiver _receiver;

    public StreamTestLink(int ringSize)
    {
        var maximumRecord = RingLayout.MaximumPayload(ringSize);
        _sink = new StreamRecordSink(maximumRecord, ringSize);
        // A small read buffer, so records also arrive cut across reads.
        _receiver = new StreamLaneReceiver(_wire, "model", "uds", maximumRecord, bufferLength: 1);
    }

    public ILaneRecordSink Sink => _sink;

    public void Read(RingConsumer.RecordHandler handler, int limit)
    {
        var batch = _sink.Take();
        _wire.Write(batch.Span);
        _sink.Written();
        var count = 0;
        RingConsumer.RecordHandler counting = record =>
        {
            count++;
            handler(record);
        };
        while (true)
        {
            _receiver.Read(counting, limit - count, ending: false);
            if (count >= limit || _wire.Available == 0)
            {
                return;
            }

            _receiver.WaitForRecords(() => false);
        }
    }

    public void Dispose() => _receiver.Dispose();
}
