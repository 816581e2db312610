using System.Buffers.Binary;
using System.Text;

namespace Actors.Remote.FastLane;

/// <summary>
/// What a lane's ring carries. Actor paths cross once, as definitions that give them a number; a
/// message then names its recipient and sender by number, so the hot path moves no path strings.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Definition: <c>[byte 2][int32 id][UTF-8 path]</c>. A later definition of the same id replaces the
/// earlier one (the sender restarts its numbering when its table is full).</item>
/// <item>Message: <c>[byte 1][int32 recipient id][int32 sender id, -1 = no sender][int32 serializer id]
/// [uint16 manifest length][UTF-8 manifest][payload]</c>, the payload as the serializer Akka chose wrote it.</item>
/// </list>
/// </remarks>
internal static class LaneRecords
{
    public const byte MessageKind = 1;
    public const byte DefinitionKind = 2;
    public const int NoSender = -1;
    public const int MessageHeaderLength = 1 + 4 + 4 + 4 + 2;
    public const int MaximumManifestBytes = ushort.MaxValue;

    public static int DefinitionLength(string path) => 1 + 4 + Encoding.UTF8.GetByteCount(path);

    public static void WriteDefinition(Span<byte> record, int id, string path)
    {
        record[0] = DefinitionKind;
        BinaryPrimitives.WriteInt32LittleEndian(record[1..], id);
        Encoding.UTF8.GetBytes(path, record[5..]);
    }

    public static void WriteMessage(Span<byte> record, int recipient, int sender, int serializerId, ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> payload)
    {
        record[0] = MessageKind;
        BinaryPrimitives.WriteInt32LittleEndian(record[1..], recipient);
        BinaryPrimitives.WriteInt32LittleEndian(record[5..], sender);
        BinaryPrimitives.WriteInt32LittleEndian(record[9..], serializerId);
        BinaryPrimitives.WriteUInt16LittleEndian(record[13..], (ushort)manifest.Length);
        manifest.CopyTo(record[MessageHeaderLength..]);
        payload.CopyTo(record[(MessageHeaderLength + manifest.Length)..]);
    }

    /// <summary>A message record, read back.</summary>
    public readonly ref struct Message(ReadOnlySpan<byte> record)
    {
        private readonly ReadOnlySpan<byte> _record = record;

        public int Recipient => BinaryPrimitives.ReadInt32LittleEndian(_record[1..]);

        public int Sender => BinaryPrimitives.ReadInt32LittleEndian(_record[5..]);

        public int SerializerId => BinaryPrimitives.ReadInt32LittleEndian(_record[9..]);

        public int ManifestLength => BinaryPrimitives.ReadUInt16LittleEndian(_record[13..]);

        public ReadOnlySpan<byte> Manifest => _record.Slice(MessageHeaderLength, ManifestLength);

        public ReadOnlySpan<byte> Payload => _record[(MessageHeaderLength + ManifestLength)..];

        /// <summary>True when the record is long enough for the lengths it claims.</summary>
        public bool IsWellFormed => _record.Length >= MessageHeaderLength && _record.Length >= MessageHeaderLength + ManifestLength;
    }

    /// <summary>Reads a definition; false when the record is too short to be one.</summary>
    public static bool TryReadDefinition(ReadOnlySpan<byte> record, out int id, out string path)
    {
        if (record.Length < 5)
        {
            id = 0;
            path = string.Empty;
            return false;
        }

        id = BinaryPrimitives.ReadInt32LittleEndian(record[1..]);
        path = Encoding.UTF8.GetString(record[5..]);
        return true;
    }
}
