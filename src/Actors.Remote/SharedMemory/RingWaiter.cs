using Actors.Remote.Native;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// Waits, on a thread of its own, until a ring has records, following a <see cref="WaitStrategy"/>.
/// </summary>
/// <remarks>
/// <para>
/// Parking and yielding give the core away from the first look (<c>sched_yield</c>) instead of
/// spinning on it: a reader's records go on to other threads of its own process (the actors it
/// feeds, the dispatcher that runs them), and with as many busy threads as cores a spinning reader
/// holds the very core they need. Measured on 2 cores, Akka actors over the fast lane: round-trip
/// p50 32-35 µs with 200 spins before the yields, 13-14 µs yielding at once, the same messages/s;
/// a bare ring's round trip (0.3 µs) did not change. A yield with nothing else to run returns at
/// once, so on an idle machine it costs little more than a spin.
/// </para>
/// <para>
/// Parking is a Dekker handshake with <see cref="RingProducer.WakeConsumer"/>: we set the parked
/// word, fence, and look at the ring once more before sleeping; the producer publishes its tail,
/// fences, and looks at the parked word. At least one of the two sees the other, so a record
/// published while we fall asleep always wakes us. The sleep is bounded anyway, so a reason to
/// stop that does not touch the ring (the peer died) is noticed within <c>parkTimeout</c>.
/// </para>
/// </remarks>
internal sealed unsafe class RingWaiter(RingConsumer consumer, WaitStrategy strategy, TimeSpan parkTimeout)
{
    // Looks (each a yield) before parking: about 25-50 µs on an idle core, enough to cover a reply
    // that is on its way, short enough to leave a quiet lane idle.
    private const int YieldIterations = 100;

    /// <summary>Returns when the ring has records or <paramref name="stop"/> says so.</summary>
    public void WaitForRecords(Func<bool> stop)
    {
        for (var look = 0; ; look++)
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
                case WaitStrategy.Parking when look < YieldIterations:
                    Thread.Yield();
                    break;
                default:
                    Park(stop);
                    break;
            }
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
