using System.Diagnostics;
using Actors.Perf.Measurement;
using Actors.Perf.Messages;
using Proto;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>The throughput sender, as <see cref="AkkaRemote.ThroughputSender"/> is for Akka.</summary>
public sealed class ProtoThroughputSender(PID sink, byte[] payload, SendWindow window, TaskCompletionSource<PairResult> done) : IActor
{
    private long _start;

    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Started:
                _start = Stopwatch.GetTimestamp();
                Fill(context);
                break;
            case Ack ack:
                window.OnAck(ack.Seq);
                if (window.IsDone)
                {
                    done.TrySetResult(new PairResult(window.Sent, Stopwatch.GetElapsedTime(_start)));
                    context.Stop(context.Self);
                }
                else
                {
                    Fill(context);
                }

                break;
        }

        return Task.CompletedTask;
    }

    private void Fill(IContext context)
    {
        while (window.CanSend)
        {
            var (seq, ackRequested) = window.Next(Stopwatch.GetElapsedTime(_start));
            context.Request(sink, new Data(seq, ackRequested, payload));
        }
    }
}
