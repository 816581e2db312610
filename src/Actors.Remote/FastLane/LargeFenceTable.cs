namespace Actors.Remote.FastLane;

/// <summary>
/// The writer's memory of which (sender, recipient) pairs sent a message by a lane's large channel: pair -> the
/// number of its last large message record, for at most a fixed number of pairs.
/// </summary>
/// <remarks>
/// When full, the pair updated longest ago leaves; large numbers grow with every update, so it holds the smallest
/// number. A pair no longer held is answered with the largest number ever evicted: at least its own last one, so its
/// next small message waits at least as long as it must (waiting longer is always safe). Not thread-safe: the lane's
/// <see cref="ChannelFencing{TPair}"/> guards it.
/// </remarks>
/// <typeparam name="TPair">What names a (sender, recipient) pair.</typeparam>
internal sealed class LargeFenceTable<TPair>
    where TPair : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TPair, LinkedListNode<(TPair Pair, long Number)>> _byPair = new();

    // Oldest update first.
    private readonly LinkedList<(TPair Pair, long Number)> _byAge = new();
    private long _largestEvicted;

    /// <param name="capacity">Pairs held at most.</param>
    public LargeFenceTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Pairs held now (never more than the capacity).</summary>
    public int Count => _byPair.Count;

    /// <summary>True until a first pair is recorded: then no small message needs a fence.</summary>
    public bool IsEmpty => _byPair.Count == 0 && _largestEvicted == 0;

    /// <summary>The number of <paramref name="pair"/>'s last large message record; 0 when it sent none.</summary>
    public long LastLargeOf(TPair pair) =>
        _byPair.TryGetValue(pair, out var node) ? node.Value.Number : _largestEvicted;

    /// <summary>Records that <paramref name="pair"/>'s last large message record is number <paramref name="number"/> (larger than every number before).</summary>
    public void Record(TPair pair, long number)
    {
        if (_byPair.Remove(pair, out var node))
        {
            _byAge.Remove(node);
        }
        else if (_byPair.Count == _capacity)
        {
            var oldest = _byAge.First!;
            _byAge.RemoveFirst();
            _byPair.Remove(oldest.Value.Pair);
            _largestEvicted = Math.Max(_largestEvicted, oldest.Value.Number);
        }

        _byPair[pair] = _byAge.AddLast((pair, number));
    }
}
