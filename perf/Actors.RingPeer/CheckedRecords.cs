using System.Buffers.Binary;

namespace Actors.RingPeer;

/// <summary>
/// Records that carry their own proof of integrity: <c>[int64 sequence][uint32 FNV-1a of the filler][filler]</c>,
/// the filler bytes derived from the sequence number. A reader can tell a lost, duplicated,
/// reordered or torn record from a good one without knowing what was sent.
/// </summary>
public static class CheckedRecords
{
    /// <summary>The smallest checked record: sequence and checksum.</summary>
    public const int MinimumLength = 12;

    /// <summary>Fills <paramref name="record"/> as record number <paramref name="sequence"/>.</summary>
    public static void Write(Span<byte> record, long sequence)
    {
        var filler = record[MinimumLength..];
        for (var i = 0; i < filler.Length; i++)
        {
            filler[i] = (byte)(sequence + i);
        }

        BinaryPrimitives.WriteInt64LittleEndian(record, sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], Fnv1a(filler));
    }

    /// <summary>The record's sequence number, or -1 when its checksum or filler is wrong.</summary>
    public static long Verify(ReadOnlySpan<byte> record)
    {
        if (record.Length < MinimumLength)
        {
            return -1;
        }

        var sequence = BinaryPrimitives.ReadInt64LittleEndian(record);
        var filler = record[MinimumLength..];
        if (BinaryPrimitives.ReadUInt32LittleEndian(record[8..]) != Fnv1a(filler))
        {
            return -1;
        }

        for (var i = 0; i < filler.Length; i++)
        {
            if (filler[i] != (byte)(sequence + i))
            {
                return -1;
            }
        }

        return sequence;
    }

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
