using System.Diagnostics;
using Actors.Perf.Measurement;
using Proto;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>The latency pinger, as <see cref="AkkaRemote.LatencyPinger"/> is for Akka.</summary>
public sealed class ProtoLatencyPinger(
    IProtoMessages messages, PID sink, byte[] payload, Budget budget, TaskCompletionSource<PairResult> done) : IActor
{
    private readonly LatencyRecorder _recorder = new();
    private long _start;
    private long _sentAt;
    private bool _last;

    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is Started)
        {
            _start = Stopwatch.GetTimestamp();
            Send(context);
        }
        else if (context.Message is { } message && messages.IsEcho(message))
        {
            _recorder.RecordSince(_sentAt);
            if (_last)
            {
                done.TrySetResult(new PairResult(_recorder.Count, Stopwatch.GetElapsedTime(_start), _recorder));
                context.Stop(context.Self);
            }
            else
            {
                Send(context);
            }
        }

        return Task.CompletedTask;
    }

    private void Send(IContext context)
    {
        var seq = _recorder.Count;
        _last = budget.IsLast(seq, Stopwatch.GetElapsedTime(_start));
        _sentAt = Stopwatch.GetTimestamp();
        context.Request(sink, messages.Echo(seq, payload));
    }
}
