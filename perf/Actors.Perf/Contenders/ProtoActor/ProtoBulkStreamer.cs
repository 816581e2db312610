using Actors.Perf.Measurement;
using Proto;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>The bulk sender, as <see cref="AkkaRemote.BulkStreamer"/> is for Akka.</summary>
public sealed class ProtoBulkStreamer(IProtoMessages messages, PID sink, byte[] payload, BulkSignals signals) : IActor
{
    private readonly SendWindow _window = SendWindow.ForBulk();

    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Started:
                Fill(context);
                break;
            case FinishBulk:
                _window.Close();
                ReportIfDrained();
                break;
            case { } message when messages.IsAck(message, out var seq):
                _window.OnAck(seq);
                signals.Flowing.TrySetResult();
                Fill(context);
                ReportIfDrained();
                break;
        }

        return Task.CompletedTask;
    }

    private void Fill(IContext context)
    {
        while (_window.CanSend)
        {
            var (seq, ackRequested) = _window.Next(TimeSpan.Zero);
            context.Request(sink, messages.Data(seq, ackRequested, payload));
        }
    }

    private void ReportIfDrained()
    {
        if (_window.IsDone)
        {
            signals.Drained.TrySetResult(_window.Sent);
        }
    }
}
