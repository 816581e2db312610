using System.Buffers.Binary;

namespace Actors.Perf.Contenders.Raw;

/// <summary>
/// The raw baselines' frame: <c>[kind: 1 byte][seq: 8 bytes LE][payload]</c>, the least that carries
/// what the actor messages carry (a sequence number, an acknowledgement request, the payload).
/// </summary>
public static class RawFrame
{
    public const byte Data = 1;
    public const byte DataAckRequested = 2;
    public const byte Ack = 3;
    public const byte Echo = 4;

    public const int HeaderLength = 9;

    /// <summary>A frame buffer for <paramref name="payload"/>, to be stamped with <see cref="Stamp"/> before each send.</summary>
    public static byte[] Create(byte[] payload)
    {
        var frame = new byte[HeaderLength + payload.Length];
        payload.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>Writes kind and sequence number into <paramref name="frame"/>.</summary>
    public static void Stamp(Span<byte> frame, byte kind, long seq)
    {
        frame[0] = kind;
        BinaryPrimitives.WriteInt64LittleEndian(frame[1..], seq);
    }

    public static byte KindOf(ReadOnlySpan<byte> frame) => frame[0];

    public static long SeqOf(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadInt64LittleEndian(frame[1..]);
}
