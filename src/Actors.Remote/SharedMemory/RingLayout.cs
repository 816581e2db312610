namespace Actors.Remote.SharedMemory;

/// <summary>
/// Where a ring keeps its counters and its records, relative to the start of its region.
/// </summary>
/// <remarks>
/// Each counter has a line of its own, two cache lines wide, so that the producer's and the
/// consumer's writes never share a line (or the adjacent line the prefetcher pairs with it).
/// Records follow the counters: <c>[int32 payload length][int32 type][payload]</c>, every record
/// starting on an 8-byte boundary.
/// </remarks>
internal static class RingLayout
{
    /// <summary>Bytes between two counters: two 64-byte cache lines.</summary>
    public const int CounterSpacing = 128;

    /// <summary>The producer's position (int64): bytes written since the ring was created.</summary>
    public const int TailOffset = 0;

    /// <summary>The consumer's position (int64): bytes consumed since the ring was created.</summary>
    public const int HeadOffset = TailOffset + CounterSpacing;

    /// <summary>1 while the consumer sleeps on this word (a futex) waiting for records, else 0.</summary>
    public const int ConsumerParkedOffset = HeadOffset + CounterSpacing;

    /// <summary>The bytes in front of the records.</summary>
    public const int DescriptorLength = ConsumerParkedOffset + CounterSpacing;

    /// <summary>The record header: payload length and type, 4 bytes each.</summary>
    public const int RecordHeaderLength = 8;

    /// <summary>Every record starts at a multiple of this.</summary>
    public const int RecordAlignment = 8;

    /// <summary>The smallest ring accepted.</summary>
    public const int MinimumCapacity = 4096;

    /// <summary>The largest ring accepted (1 GiB): positions never wrap, lengths stay int32.</summary>
    public const int MaximumCapacity = 1 << 30;

    /// <summary>The record type of user data.</summary>
    public const int DataType = 1;

    /// <summary>The record type that fills the space before the end of the ring when a record would straddle it.</summary>
    public const int PaddingType = -1;

    /// <summary>The bytes a ring of <paramref name="capacity"/> occupies, counters included.</summary>
    public static int RegionLength(int capacity) => DescriptorLength + capacity;

    /// <summary>The largest payload one record may carry in a ring of <paramref name="capacity"/>.</summary>
    /// <remarks>An eighth of the ring, as Agrona does: a record never waits for most of the ring to drain.</remarks>
    public static int MaximumPayload(int capacity) => capacity / 8 - RecordHeaderLength;

    /// <summary>The space a record with <paramref name="payloadLength"/> bytes takes, header and alignment included.</summary>
    public static int RecordLength(int payloadLength) =>
        (RecordHeaderLength + payloadLength + RecordAlignment - 1) & ~(RecordAlignment - 1);

    /// <summary>Throws unless <paramref name="capacity"/> is a power of two within the accepted range.</summary>
    public static void CheckCapacity(int capacity)
    {
        if (capacity < MinimumCapacity || capacity > MaximumCapacity || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(capacity),
                capacity,
                $"a ring's capacity must be a power of two between {MinimumCapacity} and {MaximumCapacity} bytes");
        }
    }
}
