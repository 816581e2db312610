using Actors.Remote.SharedMemory;
using Actors.RingPeer;

namespace Actors.Remote.Tests.SharedMemory;

/// <summary>
/// Ten million records between a producer thread and a consumer thread through a real mapped ring,
/// each carrying a sequence number and a checksum: none lost, none duplicated, none out of order,
/// none torn. The consumer parks between bursts, so the futex wake-up path is crossed too.
/// </summary>
public sealed class RingTwoThreadSpec
{
    private const long RecordCount = 10_000_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(nameof(WaitStrategy.Parking))]
    [InlineData(nameof(WaitStrategy.Yielding))]
    public async Task Ten_million_checked_records_cross_between_two_threads_none_lost_duplicated_reordered_or_torn(string strategyName)
    {
        // By name: WaitStrategy is internal, and a public test method cannot take it.
        var strategy = Enum.Parse<WaitStrategy>(strategyName);
        using var pair = new SegmentPair(64 * 1024);
        var producerDone = false;
        var consumer = Task.Factory.StartNew(
            () =>
            {
                var waiter = new RingWaiter(pair.Consumer, strategy, TimeSpan.FromMilliseconds(100));
                long next = 0, bad = 0;
                while (next < RecordCount && bad == 0)
                {
                    waiter.WaitForRecords(() => Volatile.Read(ref producerDone) && !pair.Consumer.HasRecords);
                    pair.Consumer.Read(payload =>
                    {
                        if (CheckedRecords.Verify(payload) == next)
                        {
                            next++;
                        }
                        else
                        {
                            bad++;
                        }
                    });
                    if (Volatile.Read(ref producerDone) && !pair.Consumer.HasRecords)
                    {
                        break;
                    }
                }

                return (next, bad);
            },
            TaskCreationOptions.LongRunning);

        var producer = Task.Factory.StartNew(
            () =>
            {
                Span<byte> record = stackalloc byte[64];
                for (long sequence = 0; sequence < RecordCount; sequence++)
                {
                    // Sizes vary so records straddle the end of the ring at every offset.
                    var length = CheckedRecords.MinimumLength + (int)(sequence % 53);
                    CheckedRecords.Write(record[..length], sequence);
                    while (!pair.Producer.TryWrite(record[..length]))
                    {
                        pair.Producer.WakeConsumer();
                        Thread.Yield();
                    }

                    if (sequence % 1024 == 0)
                    {
                        pair.Producer.WakeConsumer();
                    }
                }

                Volatile.Write(ref producerDone, true);
                pair.Producer.WakeConsumer();
            },
            TaskCreationOptions.LongRunning);

        await producer.WaitAsync(Timeout);
        var (received, corrupt) = await consumer.WaitAsync(Timeout);
        Assert.Equal(0, corrupt);
        Assert.Equal(RecordCount, received);
    }
}
