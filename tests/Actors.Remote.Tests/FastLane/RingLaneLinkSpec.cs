using Actors.Remote.Configuration;
using Actors.Remote.FastLane;
using Actors.Remote.SharedMemory;
using Actors.Remote.Tests.SharedMemory;
using Actors.Remote.Tests.Support;
using Akka.Configuration;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The shared-memory carrier of a lane, on a real segment.</summary>
public sealed class RingLaneLinkSpec
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly SharedMemorySettings Settings = SharedMemorySettings.FromConfig(
        new SettingsReader(ReferenceConfig.WithDefaults(Config.Empty, SharedMemoryTransport.ConfigPath), SharedMemoryTransport.ConfigPath));

    /// <remarks>
    /// Found by the cluster sample: a member SIGKILLed while its peer's lane reader was parked on the ring
    /// killed the peer with an AccessViolationException in RingWaiter.Park, because the lane was disposed
    /// (the segment unmapped) under the parked reader. The reader parks in slices, so a wait that outlives
    /// the disposal touches the ring again: with the segment unmapped that crashed the test host.
    /// </remarks>
    [Fact]
    public async Task A_reader_parked_on_the_ring_outlives_the_lane_being_disposed_under_it()
    {
        using var pair = new SegmentPair();
        var (control, peerControl) = ConnectedPairs.Unix();
        using var peerEnd = peerControl;
        var link = new RingLaneLink(pair.Acceptor, control.Socket, Settings, WaitStrategy.Parking, _ => { });
        var parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = 0;
        var reader = Task.Factory.StartNew(
            () => link.WaitForRecords(() =>
            {
                parked.TrySetResult();
                return Volatile.Read(ref closed) == 1;
            }),
            TaskCreationOptions.LongRunning);

        await parked.Task.WaitAsync(Bound);
        link.Dispose();

        // Several park slices after the disposal, then the end: the reader returns, the process lives.
        var slicesSeen = 0;
        while (slicesSeen < 3 && !reader.IsCompleted)
        {
            await Task.Delay(RingLaneLinkParkSlice);
            slicesSeen++;
        }

        Volatile.Write(ref closed, 1);
        await reader.WaitAsync(Bound);
        Assert.True(reader.IsCompletedSuccessfully);
    }

    // RingLaneLink's park timeout: the reader looks at the ring again after each.
    private static readonly TimeSpan RingLaneLinkParkSlice = TimeSpan.FromMilliseconds(100);
}
