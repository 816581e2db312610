using System.Buffers.Binary;

namespace Actors.Remote.FastLane;

/// <summary>
/// How lane records travel on a stream: each one is a frame <c>[int32 length][record]</c>, little-endian,
/// the length counting the record's bytes only (at least 1, at most the lane's largest record).
/// </summary>
internal static class LaneFrames
{
    /// <summary>Bytes of a frame's length prefix.</summary>
    public const int HeaderLength = 4;

    /// <summary>
    /// The one byte the accepting side ever writes on a lane connection, once the lane's barrier has arrived, when both
    /// hellos carried <see cref="Handshake.TransportHello.ReleaseAckFlag"/>; the opener writes no frame before it.
    /// </summary>
    public static ReadOnlySpan<byte> ReleaseByte => [0x01];

    /// <summary>Writes the header of a frame whose record is <paramref name="recordLength"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int recordLength) =>
        BinaryPrimitives.WriteInt32LittleEndian(destination, recordLength);

    /// <summary>
    /// Reads the frame at the start of <paramref name="buffered"/>: its record when it is all there, else false
    /// (more bytes are needed).
    /// </summary>
    /// <exception cref="LaneProtocolException">The length is out of range: nothing after it can be trusted.</exception>
    public static bool TryRead(ReadOnlySpan<byte> buffered, int maximumRecordLength, out ReadOnlySpan<byte> record)
    {
        record = default;
        if (buffered.Length < HeaderLength)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(buffered);
        if (length < 1 || length > maximumRecordLength)
        {
            throw new LaneProtocolException($"a lane frame's length is out of range: length={length}, limit={maximumRecordLength}");
        }

        if (buffered.Length < HeaderLength + length)
        {
            return false;
        }

        record = buffered.Slice(HeaderLength, length);
        return true;
    }
}
