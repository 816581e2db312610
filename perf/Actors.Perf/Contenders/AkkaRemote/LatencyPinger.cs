using System.Diagnostics;
using Actors.Perf.Measurement;
using Actors.Perf.Messages;
using Akka.Actor;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>Sends one <see cref="Echo"/> at a time and times each round trip.</summary>
public sealed class LatencyPinger : ReceiveActor
{
    private readonly IActorRef _sink;
    private readonly byte[] _payload;
    private readonly Budget _budget;
    private readonly TaskCompletionSource<PairResult> _done;
    private readonly LatencyRecorder _recorder = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _sentAt;
    private bool _last;

    public LatencyPinger(IActorRef sink, byte[] payload, Budget budget, TaskCompletionSource<PairResult> done)
    {
        _sink = sink;
        _payload = payload;
        _budget = budget;
        _done = done;
        Receive<Echo>(_ =>
        {
            _recorder.RecordSince(_sentAt);
            if (_last)
            {
                _done.TrySetResult(new PairResult(_recorder.Count, Stopwatch.GetElapsedTime(_start), _recorder));
                Context.Stop(Self);
            }
            else
            {
                Send();
            }
        });
    }

    protected override void PreStart() => Send();

    private void Send()
    {
        var seq = _recorder.Count;
        _last = _budget.IsLast(seq, Stopwatch.GetElapsedTime(_start));
        _sentAt = Stopwatch.GetTimestamp();
        _sink.Tell(new Echo(seq, _payload), Self);
    }
}
