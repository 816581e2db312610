using Actors.Remote.Configuration;
using Actors.Remote.FastLane;
using Actors.Remote.SharedMemory;
using Actors.Remote.Tests.Support;
using Akka.Configuration;

namespace Actors.Remote.Tests.FastLane;

/// <summary>A ring lane's link is closed from another thread (a quarantine drops the lane) while its reader waits for records.</summary>
public sealed class RingLaneLinkSpec
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly SharedMemorySettings Settings =
        SharedMemorySettings.FromConfig(new SettingsReader(ReferenceConfig.WithDefaults(Config.Empty, SharedMemoryTransport.ConfigPath), SharedMemoryTransport.ConfigPath))
            with { RingSize = 64 * 1024 };

    [Fact]
    public async Task A_reader_waiting_for_records_keeps_the_ring_mapped_while_the_link_is_disposed_under_it()
    {
        // It used to wait without a lease: the link's memory was unmapped under it, and its next look at
        // the ring was an access violation that killed the process (seen as a lane dropped on quarantine).
        var (left, right) = ConnectedPairs.Unix();
        await using var _ = right;
        using var creator = SharedSegment.Create(SegmentFiles.ResolveDirectory(""), Settings.RingSize);
        var acceptor = SharedSegment.OpenOwn(creator.Path, Settings.RingSize);
        creator.Unlink();
        var link = new RingLaneLink(acceptor, left, Settings, WaitStrategy.Parking, _ => { });
        var looks = 0;
        var stop = false;
        var waiter = new Thread(() => link.WaitForRecords(() =>
        {
            Interlocked.Increment(ref looks);
            return Volatile.Read(ref stop);
        }));
        waiter.Start();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref looks) > 0, Bound), "the reader never looked at the ring");

        link.Dispose();
        var afterDispose = Volatile.Read(ref looks);
        // Each look reads the ring first: several looks after the dispose read its memory.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref looks) > afterDispose + 3, Bound), "the reader stopped looking");
        Volatile.Write(ref stop, true);

        Assert.True(waiter.Join(Bound), "the reader did not return");
        Assert.False(link.TryEnter(), "the ring is still mapped after the reader left");
    }
}
