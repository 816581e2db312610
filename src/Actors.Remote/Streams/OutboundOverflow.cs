using Akka.Event;

namespace Actors.Remote.Streams;

/// <summary>
/// What an association does with a frame that finds its outbound buffer full while
/// <c>outbound-buffer-limit</c> is set: drops it, counts it, and says so in the log.
/// </summary>
/// <remarks>
/// Akka's contract reads a <c>true</c> from <c>Write</c> as "accepted"; dropping an accepted payload is
/// what a bounded buffer does, and it is the only way to keep Akka's endpoint writer from buffering
/// every later message without bound. Only bytes are left at this level (recipient and message were
/// serialized above us), so a drop is a count and a warning, not a dead letter. Akka's system messages
/// survive it: Akka resends them until the peer acknowledges them.
/// </remarks>
internal sealed class OutboundOverflow(int limit, string description, ILoggingAdapter log)
{
    /// <summary>A warning at the first drop and then once per this many.</summary>
    public const int WarnEvery = 10_000;

    private long _droppedFrames;
    private long _droppedBytes;

    /// <summary>Frames dropped so far.</summary>
    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    /// <summary>Counts one dropped frame of <paramref name="payloadLength"/> bytes; warns at the first and once per <see cref="WarnEvery"/>.</summary>
    public void Drop(int payloadLength)
    {
        var bytes = Interlocked.Add(ref _droppedBytes, payloadLength);
        var frames = Interlocked.Increment(ref _droppedFrames);
        if (frames % WarnEvery == 1)
        {
            log.Warning(
                "{0} outbound buffer full, messages to the peer are dropped: outbound-buffer-limit={1}b, dropped={2} messages ({3} bytes) so far",
                description, limit, frames, bytes);
        }
    }
}
