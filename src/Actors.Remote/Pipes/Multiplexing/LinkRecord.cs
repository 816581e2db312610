using System.Buffers;
using System.Buffers.Binary;

namespace Actors.Remote.Pipes.Multiplexing;

/// <summary>What a link record does to its channel.</summary>
internal enum LinkRecordType : byte
{
    /// <summary>The sender opens a new channel (a new association) with this id.</summary>
    Open = 1,

    /// <summary>Bytes for the channel.</summary>
    Data = 2,

    /// <summary>The sender is done with the channel: the receiver's side of it reads end of stream.</summary>
    Close = 3,
}

/// <summary>
/// The header of one record on a multiplexed link: several byte streams over one pipe pair.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     type      |              channel id (int32) ...           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  ... channel  |              payload length (int32) ...       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  ... length   |              payload (Data only) ...          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Integers are little-endian. Open and Close carry no payload (length 0).
/// </remarks>
internal readonly record struct LinkRecord(LinkRecordType Type, int Channel, int Length)
{
    /// <summary>Bytes of a header.</summary>
    public const int HeaderLength = 9;

    /// <summary>Writes the header into <paramref name="destination"/>.</summary>
    public void Encode(Span<byte> destination)
    {
        destination[0] = (byte)Type;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], Channel);
        BinaryPrimitives.WriteInt32LittleEndian(destination[5..], Length);
    }

    /// <summary>Reads a header off the front of <paramref name="buffer"/> if it holds one.</summary>
    /// <exception cref="IOException">The header is not one this side understands.</exception>
    public static bool TryDecode(ref ReadOnlySequence<byte> buffer, int maximumPayloadLength, out LinkRecord record)
    {
        record = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        var type = (LinkRecordType)header[0];
        var channel = BinaryPrimitives.ReadInt32LittleEndian(header[1..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header[5..]);
        if (type is not (LinkRecordType.Open or LinkRecordType.Data or LinkRecordType.Close))
        {
            throw new IOException($"malformed link record: type={header[0]}");
        }

        if (length < 0 || length > maximumPayloadLength || (type != LinkRecordType.Data && length != 0))
        {
            throw new IOException($"malformed link record: type={type}, length={length}, maximum={maximumPayloadLength}");
        }

        record = new LinkRecord(type, channel, length);
        buffer = buffer.Slice(HeaderLength);
        return true;
    }
}
