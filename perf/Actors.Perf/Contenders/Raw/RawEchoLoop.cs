namespace Actors.Perf.Contenders.Raw;

/// <summary>The partner's side of a raw link: acknowledges what asks for it and echoes latency requests, until the link ends.</summary>
public static class RawEchoLoop
{
    public static async Task RunAsync(IRawLink link, CancellationToken cancellationToken)
    {
        var ack = new byte[RawFrame.HeaderLength];
        while (true)
        {
            var frame = await link.ReadAsync(cancellationToken);
            if (frame.IsEmpty)
            {
                return;
            }

            switch (RawFrame.KindOf(frame.Span))
            {
                case RawFrame.DataAckRequested:
                    RawFrame.Stamp(ack, RawFrame.Ack, RawFrame.SeqOf(frame.Span));
                    await link.WriteAsync(ack, cancellationToken);
                    await link.FlushAsync(cancellationToken);
                    break;
                case RawFrame.Echo:
                    await link.WriteAsync(frame, cancellationToken);
                    await link.FlushAsync(cancellationToken);
                    break;
            }
        }
    }
}
