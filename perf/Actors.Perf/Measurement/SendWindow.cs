namespace Actors.Perf.Measurement;

/// <summary>
/// The sender's side of the one-way throughput scenario, the same for every contender: at most
/// <see cref="Window"/> messages unacknowledged; every <see cref="AckEvery"/>-th message, and the
/// last, asks the receiver for an acknowledgement, so the return path carries almost nothing.
/// Not thread-safe: one actor or one lock owns it.
/// </summary>
public sealed class SendWindow(int window, Budget budget)
{
    private bool _lastSent;

    public int Window { get; } = window;

    public int AckEvery { get; } = Math.Max(1, window / 4);

    /// <summary>Messages sent so far.</summary>
    public long Sent { get; private set; }

    /// <summary>Messages acknowledged so far.</summary>
    public long Acked { get; private set; }

    /// <summary>True while a message may go out now.</summary>
    public bool CanSend => !_lastSent && Sent - Acked < Window;

    /// <summary>True once the last message has been sent and acknowledged.</summary>
    public bool IsDone => _lastSent && Acked == Sent;

    /// <summary>Takes the next sequence number; <paramref name="elapsed"/> decides whether it is the last.</summary>
    public (long Seq, bool AckRequested) Next(TimeSpan elapsed)
    {
        var seq = Sent++;
        _lastSent = budget.IsLast(seq, elapsed);
        return (seq, _lastSent || (seq + 1) % AckEvery == 0);
    }

    /// <summary>
    /// Sends nothing more, whatever the budget: the window is done once what is in flight is acknowledged.
    /// Only for a window that asks for every acknowledgement (fewer than 8 messages), or the last might never be answered.
    /// </summary>
    public void Close()
    {
        if (AckEvery != 1)
        {
            throw new InvalidOperationException($"only a window that acknowledges every message can be closed early: window={Window}, ack-every={AckEvery}");
        }

        _lastSent = true;
    }

    /// <summary>A window of <see cref="BulkWindow"/> that goes on until it is closed, for a bulk stream.</summary>
    public static SendWindow ForBulk() => new(BulkWindow, Budget.ForMessages(long.MaxValue));

    /// <summary>Bulk messages in flight: two keep the stream going without a gap while one is acknowledged.</summary>
    public const int BulkWindow = 2;

    /// <summary>Records an acknowledgement of everything up to <paramref name="seq"/>.</summary>
    public void OnAck(long seq) => Acked = Math.Max(Acked, seq + 1);

    /// <summary>
    /// Messages in flight per pair: about 1 MiB of payload across all pairs, between 8 and 1000 messages,
    /// so that 64 KiB payloads do not overflow a transport's outbound buffer into back-off.
    /// </summary>
    public static int For(int payloadBytes, int pairs) =>
        Math.Clamp(1024 * 1024 / Math.Max(1, payloadBytes * pairs), 8, 1000);
}
