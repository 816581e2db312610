using Actors.Remote.SharedMemory;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.SharedMemory;

/// <summary>
/// Properties of one ring, on the smallest ring (4 KiB) so that a run wraps it many times: whatever
/// the sizes of the records written and of the buffers read into, the bytes come out whole, once,
/// in order; and nothing a broken peer writes makes the reader do anything but refuse.
/// </summary>
public sealed class RingPropertySpec
{
    private const int RingSize = RingLayout.MinimumCapacity;
    private static readonly int MaximumPayload = RingLayout.MaximumPayload(RingSize);

    [Property(MaxTest = 200)]
    public Property Bytes_of_records_of_any_size_read_as_a_stream_through_buffers_of_any_size_arrive_whole_and_in_order() =>
        Prop.ForAll(RecordSizes(), ReadSizes(), (sizes, readSizes) =>
        {
            using var pair = new SegmentPair(RingSize);
            var sent = new List<byte>();
            var received = new List<byte>();
            var next = 0;
            var reads = 0;
            byte counter = 0;
            while (next < sizes.Length || received.Count < sent.Count)
            {
                // Write until the ring refuses, then read once: the two interleave at every offset.
                while (next < sizes.Length)
                {
                    var record = new byte[sizes[next]];
                    for (var i = 0; i < record.Length; i++)
                    {
                        record[i] = counter++;
                    }

                    if (!pair.Producer.TryWrite(record))
                    {
                        counter -= (byte)record.Length;
                        break;
                    }

                    sent.AddRange(record);
                    next++;
                }

                var buffer = new byte[readSizes[reads++ % readSizes.Length]];
                var read = pair.Consumer.ReadBytes(buffer);
                received.AddRange(buffer.AsSpan(0, read).ToArray());
            }

            return sent.SequenceEqual(received) && !pair.Consumer.HasRecords;
        });

    [Property(MaxTest = 200)]
    public Property Records_of_any_size_read_as_records_keep_their_boundaries_and_order() =>
        Prop.ForAll(RecordSizes(), Gen.Choose(1, 64).ToArbitrary(), (sizes, batch) =>
        {
            using var pair = new SegmentPair(RingSize);
            var received = new List<byte[]>();
            var next = 0;
            while (received.Count < sizes.Length)
            {
                while (next < sizes.Length && pair.Producer.TryWrite(Record(next, sizes[next])))
                {
                    next++;
                }

                pair.Consumer.Read(payload => received.Add(payload.ToArray()), batch);
            }

            return received.Select((r, i) => r.SequenceEqual(Record(i, sizes[i]))).All(ok => ok);
        });

    [Property(MaxTest = 300)]
    public Property Whatever_a_broken_peer_writes_into_the_ring_the_reader_refuses_it_or_reads_records_within_the_ring() =>
        Prop.ForAll(Garbage(), garbage =>
        {
            using var pair = new SegmentPair(RingSize);
            // The file and the mappings are the same memory: write the creator's ring region raw,
            // counters included, as a hostile or broken process could.
            using (var file = new FileStream(pair.Creator.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                file.Position = SegmentLayout.CreatorRingOffset;
                file.Write(garbage.Counters);
                file.Position = SegmentLayout.CreatorRingOffset + RingLayout.DescriptorLength;
                file.Write(garbage.Records);
            }

            // A consumer that starts after the damage reads it from the counters as they are now.
            using var reader = SharedSegment.OpenOwn(pair.Creator.Path, RingSize);
            try
            {
                var lengths = new List<int>();
                reader.Inbound.Read(payload => lengths.Add(payload.Length));
                var buffer = new byte[RingSize];
                reader.Inbound.ReadBytes(buffer);
                return lengths.All(length => length <= RingSize);
            }
            catch (RingCorruptedException)
            {
                return true;
            }
        });

    [Fact]
    public void A_record_larger_than_an_eighth_of_the_ring_is_refused_with_a_clear_error_and_the_ring_keeps_working()
    {
        using var pair = new SegmentPair(RingSize);
        var error = Assert.Throws<RecordTooLargeException>(() => pair.Producer.TryWrite(new byte[MaximumPayload + 1]));
        Assert.Contains($"at most {MaximumPayload} bytes", error.Message);

        Assert.True(pair.Producer.TryWrite(new byte[MaximumPayload]));
        var buffer = new byte[MaximumPayload];
        Assert.True(pair.Consumer.TryRead(buffer, out var length));
        Assert.Equal(MaximumPayload, length);
    }

    [Fact]
    public void A_full_ring_refuses_a_write_without_writing_anything_and_accepts_it_once_drained()
    {
        using var pair = new SegmentPair(RingSize);
        var record = new byte[100];
        var written = 0;
        while (pair.Producer.TryWrite(record))
        {
            written++;
        }

        Assert.Equal(RingSize / RingLayout.RecordLength(100), written);
        Assert.Equal(written, pair.Consumer.Read(_ => { }));
        Assert.True(pair.Producer.TryWrite(record));
    }

    private static byte[] Record(int index, int size)
    {
        var record = new byte[size];
        for (var i = 0; i < size; i++)
        {
            record[i] = (byte)(index * 31 + i);
        }

        return record;
    }

    private static Arbitrary<int[]> RecordSizes() =>
        Gen.Frequency(
                (3, Gen.Choose(0, 16)),
                (3, Gen.Choose(0, MaximumPayload)),
                (1, Gen.Elements(MaximumPayload, MaximumPayload - 1, 8, 7, 9)))
            .ArrayOf()
            .Select(sizes => Enumerable.Repeat(sizes, 4).SelectMany(s => s).ToArray())
            .ToArbitrary();

    private static Arbitrary<int[]> ReadSizes() =>
        Gen.Choose(1, 2 * RingSize).NonEmptyListOf().Select(sizes => sizes.ToArray()).ToArbitrary();

    private static Arbitrary<RingGarbage> Garbage() =>
        (from counters in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), RingLayout.DescriptorLength)
         from records in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), RingSize)
         from smallTail in Gen.Choose(0, RingSize)
         from useSmallTail in Gen.Elements(true, false)
         select new RingGarbage(useSmallTail ? WithCounters(counters, smallTail) : counters, records))
        .ToArbitrary();

    // Plausible counters (head 0, tail within the ring) reach the record checks; random ones the counter checks.
    private static byte[] WithCounters(byte[] counters, int tail)
    {
        var copy = (byte[])counters.Clone();
        BitConverter.TryWriteBytes(copy.AsSpan(RingLayout.TailOffset), (long)tail);
        BitConverter.TryWriteBytes(copy.AsSpan(RingLayout.HeadOffset), 0L);
        return copy;
    }

    public sealed record RingGarbage(byte[] Counters, byte[] Records);
}
