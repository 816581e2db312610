using System.Buffers;
using System.Buffers.Binary;

namespace Actors.Remote.Framing;

/// <summary>
/// The length-prefixed frame format every stream transport speaks.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |              payload length (int32, little-endian)            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        payload ...                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The length excludes the header itself, the same layout as Akka's DotNetty transport.
/// A length that is negative or above the receiver's maximum frame size is an error: the
/// decoder says so before it allocates anything for the payload.
/// </remarks>
internal static class FrameCodec
{
    /// <summary>Bytes taken by the length prefix.</summary>
    public const int HeaderLength = sizeof(int);

    /// <summary>Writes the header and the payload into <paramref name="destination"/>.</summary>
    /// <returns>The bytes written: <see cref="HeaderLength"/> + payload length.</returns>
    public static int Encode(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, payload.Length);
        payload.CopyTo(destination[HeaderLength..]);
        return HeaderLength + payload.Length;
    }

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/> if it holds one.
    /// </summary>
    /// <param name="buffer">Bytes received so far; on success it is advanced past the frame.</param>
    /// <param name="maximumFrameLength">The largest payload this receiver accepts, in bytes.</param>
    /// <param name="payload">The frame's payload, a slice of <paramref name="buffer"/>.</param>
    /// <returns><c>false</c> when more bytes are needed.</returns>
    /// <exception cref="FrameDecodingException">The header announces a negative or oversized frame.</exception>
    public static bool TryDecode(ref ReadOnlySequence<byte> buffer, int maximumFrameLength, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        var length = ReadLength(buffer);
        if (length < 0)
        {
            throw FrameDecodingException.NegativeLength(length);
        }

        if (length > maximumFrameLength)
        {
            throw FrameDecodingException.TooLarge(length, maximumFrameLength);
        }

        if (buffer.Length - HeaderLength < length)
        {
            return false;
        }

        payload = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private static int ReadLength(ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= HeaderLength)
        {
            return BinaryPrimitives.ReadInt32LittleEndian(first);
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        return BinaryPrimitives.ReadInt32LittleEndian(header);
    }
}
