namespace Actors.TestPeer;

/// <summary>What a flood receiver has seen so far, shared by its actors and its report loop.</summary>
public sealed class FloodCounters
{
    private long _handled;
    private long _deadLetters;

    /// <summary>Messages the slow consumer has handled.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Dead letters published on the event stream (a bounded mailbox's overflow lands there).</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public void CountHandled() => Interlocked.Increment(ref _handled);

    public void CountDeadLetter() => Interlocked.Increment(ref _deadLetters);
}
