using System.Buffers.Binary;

namespace Actors.RingPeer;

/// <summary>
/// The records the measuring side and the peer use to steer a run, told apart from data by length:
/// data records are never shorter than <see cref="CheckedRecords.MinimumLength"/>.
/// </summary>
public static class ControlRecords
{
    /// <summary>A fence: the sink answers with a <see cref="SinkReport"/> once everything before it is read.</summary>
    public const int FenceLength = 0;

    /// <summary>Stop: the peer exits.</summary>
    public const int StopLength = 1;

    /// <summary>The length of a sink's report.</summary>
    public const int ReportLength = 8 * 4;

    /// <summary>Encodes a report.</summary>
    public static void WriteReport(Span<byte> destination, SinkReport report)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, report.Received);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], report.Corrupt);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], report.OutOfOrder);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], report.NextExpected);
    }

    /// <summary>Decodes a report.</summary>
    public static SinkReport ReadReport(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]));
}

/// <summary>What a sink saw up to a fence.</summary>
/// <param name="Received">Data records read.</param>
/// <param name="Corrupt">Records whose checksum or filler was wrong (only counted when verifying).</param>
/// <param name="OutOfOrder">Records whose sequence number was not the next one (lost, duplicated or reordered).</param>
/// <param name="NextExpected">The sequence number the sink expects next.</param>
public readonly record struct SinkReport(long Received, long Corrupt, long OutOfOrder, long NextExpected);
