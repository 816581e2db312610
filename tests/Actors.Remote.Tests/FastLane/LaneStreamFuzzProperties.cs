using System.Buffers.Binary;
using Actors.Remote.FastLane;
using Actors.Remote.Tests.FastLane.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// Whatever a peer writes on a lane connection, in whatever pieces, the stream lane's receiver yields
/// exactly the records of the well-formed frames before the first frame whose length is out of range,
/// and then refuses with <see cref="LaneProtocolException"/> (the lane closes its connection): never
/// another exception, a record cut wrong, or a wait for bytes that cannot come.
/// </summary>
public sealed class LaneStreamFuzzProperties
{
    private const int MaximumRecord = 512;

    [Property(MaxTest = 1000)]
    public Property Any_bytes_give_the_records_of_the_frames_before_the_first_bad_length_then_the_defined_error() =>
        Prop.ForAll(Frames(), Gen.Choose(1, 64).ToArbitrary(), (frames, readBuffer) =>
        {
            var wire = new LoopbackStream();
            var expected = new List<byte[]>();
            // After the first frame that is not a record: a bad length is refused; loose bytes may read as anything.
            Frame? broken = null;
            foreach (var frame in frames)
            {
                wire.Write(frame.Bytes);
                if (broken is null && frame.Record is { } record)
                {
                    expected.Add(record);
                }

                broken ??= frame.Record is null ? frame : null;
            }

            var loose = broken is { IsLoose: true };
            var refusal = broken is { IsLoose: false };

            var got = new List<byte[]>();
            using var receiver = new StreamLaneReceiver(wire, "fuzz", "uds", MaximumRecord, readBuffer);
            try
            {
                // Each turn either reads bytes or ends: the loop is bounded by the bytes written.
                for (var turn = 0; turn <= frames.Sum(f => f.Bytes.Length) + 1; turn++)
                {
                    if (!receiver.Read(r => got.Add(r.ToArray()), limit: 3, ending: false))
                    {
                        break;
                    }

                    receiver.WaitForRecords(() => false);
                }
            }
            catch (LaneProtocolException e)
            {
                return (loose ? StartsWith(got, expected) : refusal && Same(expected, got)).Label($"refused ({e.Message}) after {got.Count} of {expected.Count} records");
            }

            return (loose ? StartsWith(got, expected) : !refusal && Same(expected, got)).Label($"ended after {got.Count} records; expected {expected.Count}, refusal expected: {refusal}");
        });

    private static bool Same(List<byte[]> expected, List<byte[]> got) =>
        expected.Count == got.Count && expected.Zip(got).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

    private static bool StartsWith(List<byte[]> got, List<byte[]> expected) =>
        got.Count >= expected.Count && Same(expected, got.Take(expected.Count).ToList());

    private static Arbitrary<Frame[]> Frames() =>
        Gen.Frequency(
                (6, Gen.Choose(1, MaximumRecord).SelectMany(length => Bytes(length)).Select(Frame.Of)),
                (1, Gen.Elements(0, -1, MaximumRecord + 1, int.MaxValue, int.MinValue).Select(Frame.BadLength)),
                (1, Gen.Choose(1, 6).SelectMany(Bytes).Select(Frame.Garbage)))
            .ArrayOf()
            .ToArbitrary();

    private static Gen<byte[]> Bytes(int length) => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(length);

    /// <summary>Bytes on the wire and the record they carry; null when they break the framing (or may: garbage).</summary>
    private sealed record Frame(byte[] Bytes, byte[]? Record, bool IsLoose = false)
    {
        public static Frame Of(byte[] record)
        {
            var bytes = new byte[LaneFrames.HeaderLength + record.Length];
            LaneFrames.WriteHeader(bytes, record.Length);
            record.CopyTo(bytes, LaneFrames.HeaderLength);
            return new Frame(bytes, record);
        }

        public static Frame BadLength(int length)
        {
            var bytes = new byte[LaneFrames.HeaderLength + 8];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
            return new Frame(bytes, null);
        }

        // Loose bytes: whatever they do to the framing, nothing after them is checked.
        public static Frame Garbage(byte[] bytes) => new(bytes, null, IsLoose: true);

        public override string ToString() => Record is null ? $"bad[{Bytes.Length}]" : $"record[{Record.Length}]";
    }
}
