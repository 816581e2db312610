using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Actors.Remote.Handshake;

/// <summary>
/// The first bytes each side of a connection sends, before any Akka byte.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     magic "AKTR" (4 bytes)                    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   protocol version (uint16)   |         flags (uint16)        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    process id (int32)                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    reserved, zero (int32)                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    nonce (16 random bytes) ...                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Integers are little-endian. The process id lets a local transport confirm later that the peer
/// process is gone; the nonce is the challenge a shared-secret proof will answer.
/// </remarks>
public readonly record struct TransportHello(ushort Version, ushort Flags, int ProcessId, ReadOnlyMemory<byte> Nonce)
{
    /// <summary>"AKTR" read as a little-endian int32.</summary>
    public const int Magic = 0x52544B41;

    /// <summary>The protocol version this build speaks.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>Bytes of the nonce.</summary>
    public const int NonceLength = 16;

    /// <summary>Bytes of an encoded hello.</summary>
    public const int EncodedLength = 16 + NonceLength;

    private const int MagicOffset = 0;
    private const int VersionOffset = 4;
    private const int FlagsOffset = 6;
    private const int ProcessIdOffset = 8;
    private const int NonceOffset = 16;

    /// <summary>A hello for this process with a fresh random nonce.</summary>
    public static TransportHello ForThisProcess() =>
        new(CurrentVersion, 0, Environment.ProcessId, RandomNumberGenerator.GetBytes(NonceLength));

    /// <summary>Writes the hello into <paramref name="destination"/> (at least <see cref="EncodedLength"/> bytes).</summary>
    public void Encode(Span<byte> destination)
    {
        destination[..EncodedLength].Clear();
        BinaryPrimitives.WriteInt32LittleEndian(destination[MagicOffset..], Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[VersionOffset..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[FlagsOffset..], Flags);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ProcessIdOffset..], ProcessId);
        Nonce.Span.CopyTo(destination[NonceOffset..]);
    }

    /// <summary>Reads a hello, checking the magic and the version before any other field.</summary>
    /// <exception cref="HandshakeException">The bytes are not a hello this build understands.</exception>
    public static TransportHello Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < EncodedLength)
        {
            throw new HandshakeException($"hello too short: length={source.Length}, expected={EncodedLength}");
        }

        var magic = BinaryPrimitives.ReadInt32LittleEndian(source[MagicOffset..]);
        if (magic != Magic)
        {
            throw new HandshakeException($"not an Actors transport peer: magic=0x{magic:X8}, expected=0x{Magic:X8}");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[VersionOffset..]);
        if (version != CurrentVersion)
        {
            throw new HandshakeException($"unsupported protocol version={version}, supported={CurrentVersion}");
        }

        return new TransportHello(
            version,
            BinaryPrimitives.ReadUInt16LittleEndian(source[FlagsOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[ProcessIdOffset..]),
            source.Slice(NonceOffset, NonceLength).ToArray());
    }
}
