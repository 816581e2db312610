using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

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
/// |   address length (uint16)     |       reserved, zero          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    nonce (16 random bytes) ...                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Then <c>address length</c> bytes of UTF-8: the sender's address as Akka writes it (for example
/// <c>akka.uds://sys@host:7</c>), empty when the sender does not listen. Integers are little-endian. The
/// process id and the address let a local transport confirm that the process behind an address is
/// gone, once the kernel has vouched for both (a peer can state anything here); the nonce is the challenge a shared-secret proof answers. Flag bit 0 (<see cref="SecretProofFlag"/>)
/// says that the sender has a shared secret and sends its proof right after its hello. Flag bit 1
/// (<see cref="LaneFlag"/>) marks a connection that opens a fast lane beside the classic association:
/// the accepting transport hands it to the lane after the hello instead of to Akka. Flag bit 2
/// (<see cref="RingLaneFlag"/>) says that the sender's lane takes shared-memory rings: on a lane connection
/// whose two hellos both carry it, each side says its machine identity after the lane greeting, and the
/// lane moves into a ring when the two match. Bit 3 (<see cref="LargeChannelFlag"/>): the sender's lane reads a
/// large-message channel. Bit 4 (<see cref="ReleaseAckFlag"/>): the lane's records wait for the acceptor's release
/// byte. Flags a build does not know are ignored, so an older peer
/// reads this hello as before, and an older peer's hello (without bit 2) keeps its lanes on the stream.
/// </remarks>
internal readonly record struct TransportHello(ushort Version, ushort Flags, int ProcessId, ReadOnlyMemory<byte> Nonce, string ListenAddress = "")
{
    /// <summary>"AKTR" read as a little-endian int32.</summary>
    public const int Magic = 0x52544B41;

    /// <summary>The protocol version this build speaks.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>Flag: the sender has a shared secret; a <see cref="SecretProof"/> follows the hello.</summary>
    public const ushort SecretProofFlag = 0x0001;

    /// <summary>Flag: the connection carries a fast lane's records, not an Akka association.</summary>
    public const ushort LaneFlag = 0x0002;

    /// <summary>Flag: the sender's lane takes shared-memory rings (<c>lane.shared-memory = auto</c> on a machine that says who it is).</summary>
    public const ushort RingLaneFlag = 0x0004;

    /// <summary>Flag: the sender's lane reads a large-message channel (channel and fence records); an older peer's lanes keep one channel.</summary>
    public const ushort LargeChannelFlag = 0x0008;

    /// <summary>
    /// Flag: the sender's lane acknowledges release. On a lane connection whose two hellos both carry it, the
    /// accepting side writes one byte (<c>0x01</c>) once the lane's barrier has arrived, and the opening side writes
    /// no record before that byte: a lane's records never wait unread on the receiving side, where, over a link whose
    /// channels share one pipe (apipe), they would stop the association's own channel carrying the barrier.
    /// </summary>
    public const ushort ReleaseAckFlag = 0x0010;

    /// <summary>Bytes of the nonce.</summary>
    public const int NonceLength = 16;

    /// <summary>Bytes of the fixed part of an encoded hello; the listen address follows it.</summary>
    public const int EncodedLength = 16 + NonceLength;

    /// <summary>The longest listen address accepted, in UTF-8 bytes.</summary>
    public const int MaximumAddressLength = 512;

    private const int MagicOffset = 0;
    private const int VersionOffset = 4;
    private const int FlagsOffset = 6;
    private const int ProcessIdOffset = 8;
    private const int AddressLengthOffset = 12;
    private const int NonceOffset = 16;

    /// <summary>A hello for this process with a fresh random nonce.</summary>
    public static TransportHello ForThisProcess(string listenAddress = "", ushort flags = 0) =>
        new(CurrentVersion, flags, Environment.ProcessId, RandomNumberGenerator.GetBytes(NonceLength), listenAddress);

    /// <summary>True when the sender announced a shared-secret proof.</summary>
    public bool OffersSecretProof => (Flags & SecretProofFlag) != 0;

    /// <summary>True when the sender opens a fast lane on this connection.</summary>
    public bool OpensLane => (Flags & LaneFlag) != 0;

    /// <summary>True when the sender's lane takes shared-memory rings.</summary>
    public bool AcceptsRingLane => (Flags & RingLaneFlag) != 0;

    /// <summary>True when the sender's lane reads a large-message channel.</summary>
    public bool AcceptsLargeChannel => (Flags & LargeChannelFlag) != 0;

    /// <summary>True when the sender's lane acknowledges release (see <see cref="ReleaseAckFlag"/>).</summary>
    public bool AcknowledgesRelease => (Flags & ReleaseAckFlag) != 0;

    /// <summary>The listen address as it travels.</summary>
    /// <exception cref="ArgumentException">The address is longer than <see cref="MaximumAddressLength"/>.</exception>
    public byte[] EncodeAddress()
    {
        var bytes = Encoding.UTF8.GetBytes(ListenAddress);
        return bytes.Length <= MaximumAddressLength
            ? bytes
            : throw new ArgumentException($"listen address too long: length={bytes.Length}, maximum={MaximumAddressLength}");
    }

    /// <summary>Writes the fixed part of the hello into <paramref name="destination"/> (at least <see cref="EncodedLength"/> bytes).</summary>
    public void Encode(Span<byte> destination)
    {
        destination[..EncodedLength].Clear();
        BinaryPrimitives.WriteInt32LittleEndian(destination[MagicOffset..], Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[VersionOffset..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[FlagsOffset..], Flags);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ProcessIdOffset..], ProcessId);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[AddressLengthOffset..], (ushort)Encoding.UTF8.GetByteCount(ListenAddress));
        Nonce.Span.CopyTo(destination[NonceOffset..]);
    }

    /// <summary>Reads the fixed part of a hello, checking the magic and the version before any other field.</summary>
    /// <exception cref="HandshakeException">The bytes are not a hello this build understands.</exception>
    public static TransportHello Decode(ReadOnlySpan<byte> source) => Decode(source, out _);

    /// <summary>Reads the fixed part of a hello; <paramref name="addressLength"/> says how many address bytes follow.</summary>
    /// <exception cref="HandshakeException">The bytes are not a hello this build understands.</exception>
    public static TransportHello Decode(ReadOnlySpan<byte> source, out int addressLength)
    {
        if (source.Length < EncodedLength)
        {
            throw new HandshakeException($"hello too short: length={source.Length}, expected={EncodedLength}", reason: HandshakeRefusal.Malformed);
        }

        var magic = BinaryPrimitives.ReadInt32LittleEndian(source[MagicOffset..]);
        if (magic != Magic)
        {
            throw new HandshakeException($"not an Actors transport peer: magic=0x{magic:X8}, expected=0x{Magic:X8}", reason: HandshakeRefusal.Malformed);
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[VersionOffset..]);
        if (version != CurrentVersion)
        {
            throw new HandshakeException($"unsupported protocol version={version}, supported={CurrentVersion}", reason: HandshakeRefusal.Malformed);
        }

        addressLength = BinaryPrimitives.ReadUInt16LittleEndian(source[AddressLengthOffset..]);
        if (addressLength > MaximumAddressLength)
        {
            throw new HandshakeException($"hello names a listen address too long: length={addressLength}, maximum={MaximumAddressLength}", reason: HandshakeRefusal.Malformed);
        }

        return new TransportHello(
            version,
            BinaryPrimitives.ReadUInt16LittleEndian(source[FlagsOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[ProcessIdOffset..]),
            source.Slice(NonceOffset, NonceLength).ToArray());
    }
}
