using System.Diagnostics;
using Actors.Perf.Measurement;

namespace Actors.Perf.Contenders.Raw;

/// <summary>The driver's side of the raw scenarios on one link: the same window and budget rules as the actors.</summary>
public static class RawDriver
{
    /// <summary>Sends a window of data frames until the budget is spent and everything is acknowledged.</summary>
    public static async Task<PairResult> ThroughputAsync(IRawLink link, byte[] payload, SendWindow window, CancellationToken cancellationToken)
    {
        var frame = RawFrame.Create(payload);
        var gate = new Lock();
        using var room = new SemaphoreSlim(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = Stopwatch.GetTimestamp();

        var acks = Task.Run(
            async () =>
            {
                while (true)
                {
                    var ack = await link.ReadAsync(stop.Token);
                    if (ack.IsEmpty)
                    {
                        throw new IOException("the partner closed the link during the run");
                    }

                    lock (gate)
                    {
                        window.OnAck(RawFrame.SeqOf(ack.Span));
                        if (window.IsDone)
                        {
                            room.Release();
                            return;
                        }
                    }

                    room.Release();
                }
            },
            stop.Token);

        try
        {
            while (true)
            {
                bool send, done;
                (long Seq, bool AckRequested) next = default;
                lock (gate)
                {
                    done = window.IsDone;
                    send = !done && window.CanSend;
                    if (send)
                    {
                        next = window.Next(Stopwatch.GetElapsedTime(start));
                    }
                }

                if (done)
                {
                    break;
                }

                if (send)
                {
                    RawFrame.Stamp(frame, next.AckRequested ? RawFrame.DataAckRequested : RawFrame.Data, next.Seq);
                    await link.WriteAsync(frame, cancellationToken);
                    if (next.AckRequested)
                    {
                        await link.FlushAsync(cancellationToken);
                    }
                }
                else
                {
                    await link.FlushAsync(cancellationToken);
                    await Task.WhenAny(room.WaitAsync(stop.Token), acks);
                    if (acks.IsFaulted)
                    {
                        await acks;
                    }
                }
            }

            await acks;
            return new PairResult(window.Sent, Stopwatch.GetElapsedTime(start));
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>One echo frame at a time, each round trip timed.</summary>
    public static async Task<PairResult> LatencyAsync(IRawLink link, byte[] payload, Budget budget, CancellationToken cancellationToken)
    {
        var frame = RawFrame.Create(payload);
        var recorder = new LatencyRecorder();
        var start = Stopwatch.GetTimestamp();
        for (long seq = 0; ; seq++)
        {
            var last = budget.IsLast(seq, Stopwatch.GetElapsedTime(start));
            var sentAt = Stopwatch.GetTimestamp();
            RawFrame.Stamp(frame, RawFrame.Echo, seq);
            await link.WriteAsync(frame, cancellationToken);
            await link.FlushAsync(cancellationToken);
            var reply = await link.ReadAsync(cancellationToken);
            if (reply.IsEmpty)
            {
                throw new IOException("the partner closed the link during the run");
            }

            recorder.RecordSince(sentAt);
            if (last)
            {
                return new PairResult(recorder.Count, Stopwatch.GetElapsedTime(start), recorder);
            }
        }
    }
}
