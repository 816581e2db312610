using System.Buffers.Binary;
using Actors.Remote.FastLane;
using Actors.Remote.Tests.FastLane.Model;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// A stream lane's writer and its flusher at once: the writer appends records (claim and commit, or
/// copy) while the flusher takes batches; every record arrives exactly once, whole, and in order.
/// The acceptable outcome is exactly one: the sequence written.
/// </summary>
public sealed class StreamRecordSinkStress
{
    private const int Records = 50_000;
    private const int MaximumRecord = 300;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public void Records_written_while_batches_are_taken_arrive_once_whole_and_in_order()
    {
        // Small buffers, so "no room" and swaps happen thousands of times.
        var sink = new StreamRecordSink(MaximumRecord, capacity: 4 * 1024);
        var wire = new LoopbackStream();
        var written = 0;
        var writer = new Thread(() =>
        {
            for (var seq = 0; seq < Records; seq++)
            {
                var length = 5 + (seq % (MaximumRecord - 5));
                while (!TryWrite(sink, seq, length))
                {
                    Thread.Yield();
                }
            }

            Volatile.Write(ref written, 1);
        });
        var flusher = new Thread(() =>
        {
            while (true)
            {
                var done = Volatile.Read(ref written) == 1;
                var batch = sink.Take();
                lock (wire)
                {
                    wire.Write(batch.Span);
                }

                sink.Written();
                if (done && batch.IsEmpty)
                {
                    return;
                }
            }
        });

        writer.Start();
        flusher.Start();
        Assert.True(writer.Join(Bound) && flusher.Join(Bound), "the writer or the flusher did not finish");

        var receiver = new StreamLaneReceiver(wire, "stress", "uds", MaximumRecord, bufferLength: 64 * 1024);
        var expected = 0;
        var wrong = new List<string>();
        while (receiver.Read(
            record =>
            {
                var seq = BinaryPrimitives.ReadInt32LittleEndian(record);
                if (seq != expected || record.Length != 5 + (seq % (MaximumRecord - 5)) || record[^1] != (byte)seq)
                {
                    wrong.Add($"record {expected}: got seq {seq}, {record.Length} bytes");
                }

                expected++;
            },
            int.MaxValue,
            ending: wire.Available == 0))
        {
            receiver.WaitForRecords(() => wire.Available == 0);
        }

        Assert.Empty(wrong.Take(3));
        Assert.Equal(Records, expected);
    }

    // Half the records are claimed and committed in place, half copied in whole, as the lane's writer does.
    private static bool TryWrite(StreamRecordSink sink, int seq, int length)
    {
        var record = new byte[length];
        BinaryPrimitives.WriteInt32LittleEndian(record, seq);
        record[^1] = (byte)seq;
        if (seq % 2 == 0)
        {
            return sink.TryWrite(record);
        }

        if (!sink.TryClaim(length, out var destination))
        {
            return false;
        }

        record.CopyTo(destination);
        sink.Commit();
        return true;
    }
}
