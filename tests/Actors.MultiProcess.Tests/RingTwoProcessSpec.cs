using System.Diagnostics;
using Actors.Remote.SharedMemory;
using Actors.RingPeer;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// Ten million checked records from this process to a real second process through a mapped ring:
/// the peer checks every record's sequence number and checksum and reports what it saw.
/// </summary>
public sealed class RingTwoProcessSpec(ITestOutputHelper output)
{
    private const long RecordCount = 10_000_000;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public void Ten_million_checked_records_reach_another_process_none_lost_duplicated_reordered_or_torn()
    {
        using var process = RingPeerProcess.Start(PeerMode.Sink, 1 << 20, WaitStrategy.Parking, verify: true, ReadyTimeout);
        Assert.False(File.Exists(process.Segment.Path), "the segment file must be unlinked once the peer has mapped it");
        IRawPeer peer = process;

        Span<byte> record = stackalloc byte[128];
        var clock = Stopwatch.StartNew();
        for (long sequence = 0; sequence < RecordCount; sequence++)
        {
            // 12 to 76 bytes, so records straddle the end of the ring at every alignment.
            var length = CheckedRecords.MinimumLength + (int)(sequence % 65);
            CheckedRecords.Write(record[..length], sequence);
            peer.Send(record[..length]);
            if (sequence % 4096 == 0)
            {
                peer.Flush();
            }
        }

        var report = peer.Fence(ReportTimeout);
        clock.Stop();
        output.WriteLine($"records={RecordCount} seconds={clock.Elapsed.TotalSeconds:0.00} (checksums computed on both sides; not a benchmark)");

        Assert.Equal(new SinkReport(RecordCount, Corrupt: 0, OutOfOrder: 0, NextExpected: RecordCount), report);
    }
}
