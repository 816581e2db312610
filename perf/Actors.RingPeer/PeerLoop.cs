using Actors.Remote.SharedMemory;

namespace Actors.RingPeer;

/// <summary>What the peer does with the records it reads.</summary>
public enum PeerMode
{
    /// <summary>Count and check them; answer fences with a report.</summary>
    Sink,

    /// <summary>Send each back unchanged.</summary>
    Echo,
}

/// <summary>The peer's reading loop.</summary>
internal static class PeerLoop
{
    public static int Run(string segmentPath, WaitStrategy wait, PeerMode mode, bool verify)
    {
        using var segment = SharedSegment.OpenOwn(segmentPath, RingLayout.MaximumCapacity);
        Console.WriteLine(RingPeerProcess.ReadyLine);

        var stop = false;
        var stdinWatch = new Thread(() =>
        {
            // Our parent keeps our standard input open for as long as it lives.
            Console.In.ReadToEnd();
            Volatile.Write(ref stop, true);
        }) { IsBackground = true };
        stdinWatch.Start();

        var waiter = new RingWaiter(segment.Inbound, wait, TimeSpan.FromMilliseconds(100));
        var report = new SinkReport();
        var reply = new byte[ControlRecords.ReportLength];
        RingConsumer.RecordHandler handler = mode == PeerMode.Echo
            ? payload =>
            {
                if (payload.Length == ControlRecords.StopLength)
                {
                    stop = true;
                    return;
                }

                SendSpinning(segment.Outbound, payload);
            }
            : payload =>
            {
                switch (payload.Length)
                {
                    case ControlRecords.StopLength:
                        stop = true;
                        return;
                    case ControlRecords.FenceLength:
                        ControlRecords.WriteReport(reply, report);
                        SendSpinning(segment.Outbound, reply);
                        segment.Outbound.WakeConsumer();
                        return;
                }

                var sequence = verify ? CheckedRecords.Verify(payload) : BitConverter.ToInt64(payload);
                report = sequence < 0
                    ? report with { Received = report.Received + 1, Corrupt = report.Corrupt + 1 }
                    : report with
                    {
                        Received = report.Received + 1,
                        OutOfOrder = report.OutOfOrder + (sequence == report.NextExpected ? 0 : 1),
                        NextExpected = sequence + 1,
                    };
            };

        Func<bool> stopRequested = () => Volatile.Read(ref stop);
        while (!stopRequested())
        {
            waiter.WaitForRecords(stopRequested);
            if (segment.Inbound.Read(handler) > 0 && mode == PeerMode.Echo)
            {
                segment.Outbound.WakeConsumer();
            }
        }

        return 0;
    }

    /// <summary>Writes a record, waiting on the core for room: the measuring side drains fast.</summary>
    internal static void SendSpinning(RingProducer producer, ReadOnlySpan<byte> payload)
    {
        var spins = 0;
        while (!producer.TryWrite(payload))
        {
            producer.WakeConsumer();
            if (++spins % 64 == 0)
            {
                Thread.Yield();
            }
        }
    }
}
