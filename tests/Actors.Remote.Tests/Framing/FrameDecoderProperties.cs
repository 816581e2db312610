using System.Buffers;
using System.Buffers.Binary;
using Actors.Remote.Framing;
using Actors.Remote.Tests.Support;
using FsCheck;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.Framing;

/// <summary>
/// Whatever bytes a peer sends, in whatever pieces they arrive, the frame decoder yields frames
/// within the limit or the defined <see cref="FrameDecodingException"/>: never another exception,
/// and never an allocation anywhere near the frame limit (it slices, it does not copy).
/// </summary>
public sealed class FrameDecoderProperties
{
    private const int Limit = 4096;

    // Lengths a hostile or broken peer would pick, mixed with random ones.
    private static readonly int[] Interesting = [0, 1, Limit - 1, Limit, Limit + 1, -1, int.MinValue, int.MaxValue, 0x7FFF_FFF0];

    [Property(MaxTest = 3000)]
    public bool Any_bytes_in_any_pieces_give_frames_or_the_defined_error(byte[][] pieces, int[] lengths, bool useInteresting)
    {
        var stream = Compose(pieces, lengths, useInteresting);
        var sequence = Segments(stream, pieces.Length + 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            while (FrameCodec.TryDecode(ref sequence, Limit, out var payload))
            {
                if (payload.Length > Limit)
                {
                    return false;
                }
            }
        }
        catch (FrameDecodingException)
        {
            // The defined error: the association is dropped.
        }

        return GC.GetAllocatedBytesForCurrentThread() - before < Limit;
    }

    [Property(MaxTest = 1000)]
    public bool Whole_frames_come_back_exactly_whatever_the_split(byte[][] payloads, PositiveInt split)
    {
        var frames = payloads.Where(p => p is not null && p.Length <= Limit).ToArray();
        var encoded = FrameBytes.EncodeFrames(frames);
        var sequence = Segments(encoded, split.Get % 17 + 1);
        var decoded = new List<byte[]>();
        while (FrameCodec.TryDecode(ref sequence, Limit, out var payload))
        {
            decoded.Add(payload.ToArray());
        }

        return sequence.Length == 0 && decoded.Count == frames.Length && decoded.Zip(frames).All(p => p.First.AsSpan().SequenceEqual(p.Second));
    }

    /// <summary>Headers (random or hostile lengths) each followed by a random piece of payload.</summary>
    private static byte[] Compose(byte[][] pieces, int[] lengths, bool useInteresting)
    {
        var output = new List<byte>();
        var header = new byte[FrameCodec.HeaderLength];
        for (var i = 0; i < pieces.Length; i++)
        {
            var length = lengths.Length == 0 ? 0 : lengths[i % lengths.Length];
            if (useInteresting)
            {
                length = Interesting[(uint)length % Interesting.Length];
            }

            BinaryPrimitives.WriteInt32LittleEndian(header, length);
            output.AddRange(header);
            output.AddRange(pieces[i] ?? []);
        }

        return [.. output];
    }

    /// <summary>The bytes as a sequence of about <paramref name="count"/> segments, as a socket delivers them.</summary>
    private static ReadOnlySequence<byte> Segments(byte[] bytes, int count)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var size = Math.Max(1, bytes.Length / Math.Max(1, count));
        return FrameBytes.Segmented(bytes.Chunk(size).ToArray());
    }
}
