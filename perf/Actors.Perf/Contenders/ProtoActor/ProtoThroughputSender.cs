using System.Diagnostics;
using Actors.Perf.Measurement;
using Proto;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>The throughput sender, as <see cref="AkkaRemote.ThroughputSender"/> is for Akka.</summary>
public sealed class ProtoThroughputSender(
    IProtoMessages messages, PID sink, byte[] payload, SendWindow window, TaskCompletionSource<PairResult> done) : IActor
{
    private long _start;

    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is Started)
        {
            _start = Stopwatch.GetTimestamp();
            Fill(context);
        }
        else if (context.Message is { } message && messages.IsAck(message, out var seq))
        {
            window.OnAck(seq);
            if (window.IsDone)
            {
                done.TrySetResult(new PairResult(window.Sent, Stopwatch.GetElapsedTime(_start)));
                context.Stop(context.Self);
            }
            else
            {
                Fill(context);
            }
        }

        return Task.CompletedTask;
    }

    private void Fill(IContext context)
    {
        while (window.CanSend)
        {
            var (seq, ackRequested) = window.Next(Stopwatch.GetElapsedTime(_start));
            context.Request(sink, messages.Data(seq, ackRequested, payload));
        }
    }
}
