namespace Actors.Remote.Streams;

/// <summary>
/// Counts a listener's inbound connections still in their hello, bounded by
/// <c>maximum-pending-handshakes</c>: a peer that connects and says nothing holds a descriptor until the
/// hello times out, so without a bound a flood of silent connections exhausts the process's descriptors.
/// Thread-safe.
/// </summary>
internal sealed class PendingHandshakes(int limit)
{
    private int _count;

    /// <summary>The most connections allowed in their hello at once.</summary>
    public int Limit => limit;

    /// <summary>Takes a place for one more connection; false (nothing taken) when <see cref="Limit"/> are already in their hello.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _count) <= limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        return false;
    }

    /// <summary>Gives back the place a successful <see cref="TryEnter"/> took.</summary>
    public void Exit() => Interlocked.Decrement(ref _count);
}
