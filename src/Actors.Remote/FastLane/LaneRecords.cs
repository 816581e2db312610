using System.Buffers.Binary;
using System.Text;

namespace Actors.Remote.FastLane;

/// <summary>
/// What a lane's ring carries. Actor paths cross once, as definitions that give them a number; a
/// message then names its recipient and sender by number, so the hot path moves no path strings.
/// </summary>
/// <remarks>
/// Little-endian; offsets in bytes from the start of the record (the ring's payload).
/// <code>
///  Definition:  0        1                5
///              +--------+----------------+---------------------------------+
///              | kind 2 | int32 id       | UTF-8 path (1 .. MaximumPathBytes)
///              +--------+----------------+---------------------------------+
///
///  Message:     0        1                5                9                13           15
///              +--------+----------------+----------------+----------------+------------+----------+---------+
///              | kind 1 | int32 recipient| int32 sender   | int32 serializer| uint16 mlen| manifest | payload |
///              +--------+----------------+----------------+----------------+------------+----------+---------+
///
///  Fence:       0        1                                9
///              +--------+--------------------------------+
///              | kind 3 | int64 after                    |   (applies to the next message record)
///              +--------+--------------------------------+
///
///  Channel:     0        1
///              +--------+------------------------------------------+
///              | kind 4 | UTF-8 name of the lane's large channel   |   (1 .. MaximumChannelNameBytes)
///              +--------+------------------------------------------+
/// </code>
/// <list type="number">
/// <item>An id is in <c>[0, MaximumDefinitions)</c>; a sender id of <see cref="NoSender"/> means no sender.</item>
/// <item>A definition of an id replaces the one before it. The writer redefines an id only after every
/// record that named it by its old path is ahead of the redefinition in the ring, and never for the
/// recipient of the message it is writing (see <see cref="OutboundDefinitions"/>), so a reader that
/// applies records in ring order resolves every message as it was meant.</item>
/// <item>A message names only ids defined before it in the same lane.</item>
/// <item>A fence says when the message record after it may be delivered (<see cref="ChannelOrdering{TPair,TItem}"/>):
/// in a lane's small channel, only after its large channel's message record number <c>after</c> (counted from 1) was
/// delivered; in the large channel, only after the small channel's first <c>after</c> message records were handled.
/// Only a lane with a large channel carries fences.</item>
/// <item>A channel record, written once in a lane's small channel, names the lane's large channel (another link of
/// the same peer, not yet released): its records are read from then on, in order with the small channel's by the fences.</item>
/// </list>
/// </remarks>
internal static class LaneRecords
{
    public const byte MessageKind = 1;
    public const byte DefinitionKind = 2;
    public const byte FenceKind = 3;
    public const byte ChannelKind = 4;
    public const int NoSender = -1;

    /// <summary>Ids are numbers below this; the reader's table never holds more definitions.</summary>
    public const int MaximumDefinitions = 16_384;

    /// <summary>The longest path a definition carries (UTF-8 bytes): with <see cref="MaximumDefinitions"/>, the reader's table stays under 64 MiB whatever a peer sends.</summary>
    public const int MaximumPathBytes = 4096;

    public const int MaximumManifestBytes = ushort.MaxValue;

    /// <summary>The longest name a channel record carries (a segment file name or a connection's hex id).</summary>
    public const int MaximumChannelNameBytes = 255;

    public const int KindOffset = 0;
    public const int DefinitionIdOffset = KindOffset + 1;
    public const int DefinitionPathOffset = DefinitionIdOffset + 4;
    public const int RecipientOffset = KindOffset + 1;
    public const int SenderOffset = RecipientOffset + 4;
    public const int SerializerOffset = SenderOffset + 4;
    public const int ManifestLengthOffset = SerializerOffset + 4;
    public const int MessageHeaderLength = ManifestLengthOffset + 2;
    public const int FenceAfterOffset = KindOffset + 1;
    public const int FenceLength = FenceAfterOffset + 8;
    public const int ChannelNameOffset = KindOffset + 1;

    public static int DefinitionLength(int pathBytes) => DefinitionPathOffset + pathBytes;

    public static int MessageLength(int manifestBytes, int payloadBytes) => MessageHeaderLength + manifestBytes + payloadBytes;

    public static void WriteDefinition(Span<byte> record, int id, ReadOnlySpan<byte> path)
    {
        record[KindOffset] = DefinitionKind;
        BinaryPrimitives.WriteInt32LittleEndian(record[DefinitionIdOffset..], id);
        path.CopyTo(record[DefinitionPathOffset..]);
    }

    public static int ChannelLength(int nameBytes) => ChannelNameOffset + nameBytes;

    public static void WriteFence(Span<byte> record, long after)
    {
        record[KindOffset] = FenceKind;
        BinaryPrimitives.WriteInt64LittleEndian(record[FenceAfterOffset..], after);
    }

    public static void WriteChannel(Span<byte> record, ReadOnlySpan<byte> name)
    {
        record[KindOffset] = ChannelKind;
        name.CopyTo(record[ChannelNameOffset..]);
    }

    /// <summary>Reads a fence; false when the record is not a well-formed one (not exactly <see cref="FenceLength"/> bytes, or a number below 1).</summary>
    public static bool TryReadFence(ReadOnlySpan<byte> record, out long after)
    {
        after = record.Length == FenceLength ? BinaryPrimitives.ReadInt64LittleEndian(record[FenceAfterOffset..]) : 0;
        return after > 0;
    }

    /// <summary>Reads a channel record; false when it is not a well-formed one (a name empty, too long or not UTF-8).</summary>
    public static bool TryReadChannel(ReadOnlySpan<byte> record, out string name)
    {
        name = string.Empty;
        if (record.Length <= ChannelNameOffset || record.Length - ChannelNameOffset > MaximumChannelNameBytes)
        {
            return false;
        }

        try
        {
            name = s_strictUtf8.GetString(record[ChannelNameOffset..]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public static void WriteMessage(Span<byte> record, int recipient, int sender, int serializerId, ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> payload)
    {
        record[KindOffset] = MessageKind;
        BinaryPrimitives.WriteInt32LittleEndian(record[RecipientOffset..], recipient);
        BinaryPrimitives.WriteInt32LittleEndian(record[SenderOffset..], sender);
        BinaryPrimitives.WriteInt32LittleEndian(record[SerializerOffset..], serializerId);
        BinaryPrimitives.WriteUInt16LittleEndian(record[ManifestLengthOffset..], (ushort)manifest.Length);
        manifest.CopyTo(record[MessageHeaderLength..]);
        payload.CopyTo(record[(MessageHeaderLength + manifest.Length)..]);
    }

    /// <summary>True for an id a definition may carry.</summary>
    public static bool IsValidId(int id) => id is >= 0 and < MaximumDefinitions;

    /// <summary>A message record, read back; check <see cref="IsWellFormed"/> before reading the variable parts.</summary>
    public readonly ref struct Message(ReadOnlySpan<byte> record)
    {
        private readonly ReadOnlySpan<byte> _record = record;

        public int Recipient => BinaryPrimitives.ReadInt32LittleEndian(_record[RecipientOffset..]);

        public int Sender => BinaryPrimitives.ReadInt32LittleEndian(_record[SenderOffset..]);

        public int SerializerId => BinaryPrimitives.ReadInt32LittleEndian(_record[SerializerOffset..]);

        public int ManifestLength => BinaryPrimitives.ReadUInt16LittleEndian(_record[ManifestLengthOffset..]);

        public ReadOnlySpan<byte> Manifest => _record.Slice(MessageHeaderLength, ManifestLength);

        public ReadOnlySpan<byte> Payload => _record[(MessageHeaderLength + ManifestLength)..];

        /// <summary>True when the record is long enough for the lengths it claims and its ids are in range.</summary>
        public bool IsWellFormed =>
            _record.Length >= MessageHeaderLength
            && _record.Length >= MessageHeaderLength + ManifestLength
            && IsValidId(Recipient)
            && (Sender == NoSender || IsValidId(Sender));
    }

    /// <summary>Reads a definition; false when the record is not a well-formed one (short, an id out of range, a path empty, too long or not UTF-8).</summary>
    public static bool TryReadDefinition(ReadOnlySpan<byte> record, out int id, out string path)
    {
        id = 0;
        path = string.Empty;
        if (record.Length <= DefinitionPathOffset || record.Length - DefinitionPathOffset > MaximumPathBytes)
        {
            return false;
        }

        id = BinaryPrimitives.ReadInt32LittleEndian(record[DefinitionIdOffset..]);
        if (!IsValidId(id))
        {
            return false;
        }

        try
        {
            path = s_strictUtf8.GetString(record[DefinitionPathOffset..]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
