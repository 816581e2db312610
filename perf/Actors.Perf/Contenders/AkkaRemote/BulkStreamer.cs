using Actors.Perf.Measurement;
using Actors.Perf.Messages;
using Akka.Actor;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>Streams large <see cref="Data"/> messages to one sink, a small window at a time, until told <see cref="FinishBulk"/>.</summary>
public sealed class BulkStreamer : ReceiveActor
{
    private readonly IActorRef _sink;
    private readonly byte[] _payload;
    private readonly BulkSignals _signals;
    private readonly SendWindow _window = SendWindow.ForBulk();

    public BulkStreamer(IActorRef sink, byte[] payload, BulkSignals signals)
    {
        _sink = sink;
        _payload = payload;
        _signals = signals;
        Receive<Ack>(ack =>
        {
            _window.OnAck(ack.Seq);
            _signals.Flowing.TrySetResult();
            Fill();
            ReportIfDrained();
        });
        Receive<FinishBulk>(_ =>
        {
            _window.Close();
            ReportIfDrained();
        });
    }

    protected override void PreStart() => Fill();

    private void Fill()
    {
        while (_window.CanSend)
        {
            var (seq, ackRequested) = _window.Next(TimeSpan.Zero);
            _sink.Tell(new Data(seq, ackRequested, _payload), Self);
        }
    }

    private void ReportIfDrained()
    {
        if (_window.IsDone)
        {
            _signals.Drained.TrySetResult(_window.Sent);
        }
    }
}
