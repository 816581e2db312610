using System.Diagnostics;
using Actors.Perf.Measurement;
using Actors.Perf.Messages;
using Akka.Actor;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>Keeps a window of <see cref="Data"/> in flight to one sink until the budget is spent and all is acknowledged.</summary>
public sealed class ThroughputSender : ReceiveActor
{
    private readonly IActorRef _sink;
    private readonly byte[] _payload;
    private readonly SendWindow _window;
    private readonly TaskCompletionSource<PairResult> _done;
    private readonly long _start = Stopwatch.GetTimestamp();

    public ThroughputSender(IActorRef sink, byte[] payload, SendWindow window, TaskCompletionSource<PairResult> done)
    {
        _sink = sink;
        _payload = payload;
        _window = window;
        _done = done;
        Receive<Ack>(ack =>
        {
            _window.OnAck(ack.Seq);
            if (_window.IsDone)
            {
                _done.TrySetResult(new PairResult(_window.Sent, Stopwatch.GetElapsedTime(_start)));
                Context.Stop(Self);
            }
            else
            {
                Fill();
            }
        });
    }

    protected override void PreStart() => Fill();

    private void Fill()
    {
        while (_window.CanSend)
        {
            var (seq, ackRequested) = _window.Next(Stopwatch.GetElapsedTime(_start));
            _sink.Tell(new Data(seq, ackRequested, _payload), Self);
        }
    }
}
