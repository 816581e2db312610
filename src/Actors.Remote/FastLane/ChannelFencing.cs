namespace Actors.Remote.FastLane;

/// <summary>
/// The writer's half of keeping per-(sender, recipient) order across a lane's two channels: it numbers the message
/// records each channel takes and says which fence a record carries (see <see cref="ChannelOrdering{TPair,TItem}"/>
/// for the reader's half and why the two together neither reorder a pair nor wait for ever).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Call <see cref="SmallFenceOf"/> and <see cref="SmallWritten"/> under the small channel's lock, in the same
/// hold as the write, so the count is exactly the small channel's message records in channel order; likewise
/// <see cref="LargeFence"/> and <see cref="LargeWritten"/> under the large channel's lock.</item>
/// <item>A large record's fence is the small count when it is written: every small record a sender wrote before it
/// is counted then, so it is delivered after them.</item>
/// <item>A small record of a pair that sent a large one carries that large record's number (or a larger one, see
/// <see cref="LargeFenceTable{TPair}"/>); a pair that never did carries none (0), and never waits for bulk.</item>
/// </list>
/// </remarks>
/// <typeparam name="TPair">What names a (sender, recipient) pair.</typeparam>
internal sealed class ChannelFencing<TPair>(int pairsLimit)
    where TPair : notnull
{
    private readonly LargeFenceTable<TPair> _lastLarge = new(pairsLimit);
    private readonly Lock _tableGate = new();
    private long _smallWritten;
    private long _largeWritten;
    private volatile bool _anyLarge;

    /// <summary>Message records written into the small channel.</summary>
    public long SmallCount => Volatile.Read(ref _smallWritten);

    /// <summary>Message records written into the large channel.</summary>
    public long LargeCount => Volatile.Read(ref _largeWritten);

    /// <summary>Pairs the table holds now.</summary>
    public int PairsHeld
    {
        get
        {
            lock (_tableGate)
            {
                return _lastLarge.Count;
            }
        }
    }

    /// <summary>The fence of a small record of <paramref name="pair"/>: the large record it must follow; 0 for none.</summary>
    public long SmallFenceOf(TPair pair)
    {
        // The common case costs one read: no large message was ever written.
        if (!_anyLarge)
        {
            return 0;
        }

        lock (_tableGate)
        {
            return _lastLarge.LastLargeOf(pair);
        }
    }

    /// <summary>A message record went into the small channel (written or held for room).</summary>
    public void SmallWritten() => Volatile.Write(ref _smallWritten, _smallWritten + 1);

    /// <summary>The fence of a large record written now: the small records it must follow.</summary>
    public long LargeFence => Volatile.Read(ref _smallWritten);

    /// <summary>A message record of <paramref name="pair"/> went into the large channel (written or held for room).</summary>
    public void LargeWritten(TPair pair)
    {
        var number = _largeWritten + 1;
        Volatile.Write(ref _largeWritten, number);
        lock (_tableGate)
        {
            _lastLarge.Record(pair, number);
        }

        _anyLarge = true;
    }
}
