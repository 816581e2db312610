using Actors.Remote.Native;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// Waits, on a thread of its own, until a ring has records, following a <see cref="WaitStrategy"/>.
/// </summary>
/// <remarks>
/// Parking is a Dekker handshake with <see cref="RingProducer.WakeConsumer"/>: we set the parked
/// word, fence, and look at the ring once more before sleeping; the producer publishes its tail,
/// fences, and looks at the parked word. At least one of the two sees the other, so a record
/// published while we fall asleep always wakes us. The sleep is bounded anyway, so a reason to
/// stop that does not touch the ring (the peer died) is noticed within <c>parkTimeout</c>.
/// </remarks>
public sealed unsafe class RingWaiter(RingConsumer consumer, WaitStrategy strategy, TimeSpan parkTimeout)
{
    private const int SpinIterations = 200;
    private const int YieldIterations = 50;

    /// <summary>Returns when the ring has records or <paramref name="stop"/> says so.</summary>
    public void WaitForRecords(Func<bool> stop)
    {
        for (var spin = 0; ; spin++)
        {
            if (consumer.HasRecords || stop())
            {
                return;
            }

            switch (strategy)
            {
                case WaitStrategy.BusySpin:
                    Thread.SpinWait(1);
                    break;
                case WaitStrategy.Yielding:
                    Pause(spin);
                    break;
                case WaitStrategy.Parking when spin < SpinIterations + YieldIterations:
                    Pause(spin);
                    break;
                default:
                    Park(stop);
                    break;
            }
        }
    }

    private static void Pause(int spin)
    {
        if (spin < SpinIterations)
        {
            Thread.SpinWait(4);
        }
        else
        {
            Thread.Yield();
        }
    }

    private void Park(Func<bool> stop)
    {
        var parked = consumer.ParkedWord;
        Volatile.Write(ref *parked, 1);
        Interlocked.MemoryBarrier();
        if (!consumer.HasRecords && !stop())
        {
            Interop.FutexWaitShared(parked, 1, parkTimeout);
        }

        Volatile.Write(ref *parked, 0);
    }
}
