using System.Buffers;
using System.Buffers.Binary;
using Actors.Remote.Framing;

namespace Actors.Remote.Tests.Support;

/// <summary>Frames and byte sequences built by hand, as a peer would send them.</summary>
public static class FrameBytes
{
    public static byte[] Header(int length)
    {
        var header = new byte[FrameCodec.HeaderLength];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        return header;
    }

    public static byte[] EncodeFrames(params byte[][] payloads)
    {
        var encoded = new byte[payloads.Sum(p => FrameCodec.HeaderLength + p.Length)];
        var offset = 0;
        foreach (var payload in payloads)
        {
            offset += FrameCodec.Encode(payload, encoded.AsSpan(offset));
        }

        return encoded;
    }

    /// <summary>A sequence made of the given arrays, one segment each, in order.</summary>
    public static ReadOnlySequence<byte> Segmented(params byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
