namespace Actors.Remote.FastLane;

/// <summary>
/// The reader's half of keeping per-(sender, recipient) order across a lane's small and large channels: one object per
/// lane, shared by the two channels' reading threads, enforcing the fences the writer chose (<see cref="ChannelFencing{TPair}"/>).
/// </summary>
/// <remarks>
/// <para>The rules. The small reader counts every message record it reads, held or not, and publishes the count
/// (<see cref="SmallHandled"/>) only after the run it read was told. It holds a record whose fence names a large record
/// not yet delivered, and every later record of the same pair while one is held (<see cref="TryHold"/>). The large reader
/// tells large record number n (counted from 1) only once the published small count reaches its fence
/// (<see cref="WaitForSmall"/>), then, under this object's lock, releases in arrival order every held record whose
/// fence is at most n and no earlier record of whose pair is still held (<see cref="LargeDelivered"/>).</para>
/// <para>Why no pair is reordered. Take two messages a then b of one pair (b sent after a returned).
/// Small a, small b: one channel, read in order; b is held if a is (a pair with a held record holds the rest), and a held
/// a is released before b. Large a, large b: one channel, told in order. Small a, large b: the writer counted a before it
/// read b's fence, so b's fence covers a; the count is published after a's run was told, or after a was held, and a held
/// record waits for a large record written before a, hence numbered below b and delivered before it, whose delivery
/// released a first. Large a (number n), small b: b's fence is at least n; b is batched only when n was already
/// delivered, else held and told by the large reader right after n. The case "small x told in a run after large y
/// released a later small x2 of the same pair" cannot happen: x2's fence is y, and y waits for the published count, which
/// covers x only after x's run was told.</para>
/// <para>Why nothing waits for ever (for a writer that keeps the rules). The large reader waits only for the small count
/// to reach a fence F; F counts small records written before that large record, which the small reader reads unless it
/// is itself waiting, and it waits only when <see cref="HeldLimit"/> records are held, after publishing its count. The
/// first held record h waits for a large record z written before h, so z's fence is below h's position, which the
/// published count covers: z and every large record before it can be told, and z releases h. So both readers progress.
/// A peer that breaks the rules (fences naming records it never sends) stalls only its own lane until it closes; the
/// held records stay within <see cref="HeldLimit"/>. When either channel ends, the other stops waiting for it: held
/// records are released in order, and a large record whose small predecessors will never come is told.</para>
/// </remarks>
/// <typeparam name="TPair">What names a (sender, recipient) pair.</typeparam>
/// <typeparam name="TItem">A message ready to be told.</typeparam>
internal sealed class ChannelOrdering<TPair, TItem>(int heldLimit, Action<TItem> tell)
    where TPair : notnull
{
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(100);

    // Guards every field below; readers wait on it (Monitor) for a count, a delivery or room.
    private readonly object _gate = new();

    // Held small records in arrival order, and how many each pair has among them.
    private readonly LinkedList<Held> _held = new();
    private readonly Dictionary<TPair, int> _heldPerPair = new();

    // Pairs met with an earlier record still held during one release pass (reused, empty between passes).
    private readonly HashSet<TPair> _blocked = new();
    private long _smallHandled;
    private long _largeDelivered;
    private bool _smallEnded;
    private bool _largeEnded;

    // Written under the lock; read without it by the small reader to skip the lock when nothing is held.
    private volatile int _heldCount;

    /// <summary>Held records at most; the small reader then waits for room (<see cref="WaitForRoom"/>).</summary>
    public int HeldLimit => heldLimit;

    /// <summary>Small records held now.</summary>
    public int HeldCount => _heldCount;

    /// <summary>Large message records delivered (told, or dropped for a failed deserialization).</summary>
    public long LargeDeliveredCount
    {
        get
        {
            lock (_gate)
            {
                return _largeDelivered;
            }
        }
    }

    /// <summary>The small reader: holds <paramref name="item"/> when it must wait for a large record; false when it may be told now, in its run.</summary>
    public bool TryHold(TPair pair, long fence, TItem item)
    {
        // A record without a fence belongs to a pair that never sent a large one (the writer fences every later one),
        // and nothing of it can be held: the common case takes no lock.
        if (fence == 0 && _heldCount == 0)
        {
            return false;
        }

        lock (_gate)
        {
            if (_largeEnded || (fence <= _largeDelivered && !_heldPerPair.ContainsKey(pair)))
            {
                return false;
            }

            _held.AddLast(new Held(pair, fence, item));
            _heldPerPair[pair] = _heldPerPair.GetValueOrDefault(pair) + 1;
            _heldCount = _held.Count;
            return true;
        }
    }

    /// <summary>The small reader: true while <see cref="HeldLimit"/> records are held.</summary>
    public bool IsFull => _heldCount >= heldLimit;

    /// <summary>The small reader, with its count published: waits until a record is released or <paramref name="closed"/> says to stop.</summary>
    public void WaitForRoom(Func<bool> closed)
    {
        lock (_gate)
        {
            while (_held.Count >= heldLimit && !_largeEnded && !closed())
            {
                Monitor.Wait(_gate, WaitSlice);
            }
        }
    }

    /// <summary>The small reader: its first <paramref name="count"/> message records were told or held.</summary>
    public void SmallHandled(long count)
    {
        lock (_gate)
        {
            _smallHandled = count;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The small reader has stopped: the large reader waits for it no more.</summary>
    public void SmallEnded()
    {
        lock (_gate)
        {
            _smallEnded = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The large reader: true once the small count reaches <paramref name="fence"/> (or the small reader stopped); false when <paramref name="closed"/> said to stop first.</summary>
    public bool WaitForSmall(long fence, Func<bool> closed)
    {
        lock (_gate)
        {
            while (_smallHandled < fence && !_smallEnded)
            {
                if (closed())
                {
                    return false;
                }

                Monitor.Wait(_gate, WaitSlice);
            }

            return true;
        }
    }

    /// <summary>The large reader: its next message record was told (or dropped); tells every held record this releases, in order.</summary>
    public void LargeDelivered()
    {
        lock (_gate)
        {
            _largeDelivered++;
            ReleaseUnsynchronized();
        }
    }

    /// <summary>The large reader has stopped: every held record is told, in order, and none is held again.</summary>
    public void LargeEnded()
    {
        lock (_gate)
        {
            _largeEnded = true;
            ReleaseUnsynchronized();
        }
    }

    private void ReleaseUnsynchronized()
    {
        for (var node = _held.First; node is not null;)
        {
            var next = node.Next;
            var held = node.Value;
            if (_blocked.Contains(held.Pair))
            {
                // An earlier record of this pair stays held: so does this one.
            }
            else if (_largeEnded || held.Fence <= _largeDelivered)
            {
                tell(held.Item);
                _held.Remove(node);
                var left = _heldPerPair[held.Pair] - 1;
                if (left == 0)
                {
                    _heldPerPair.Remove(held.Pair);
                }
                else
                {
                    _heldPerPair[held.Pair] = left;
                }
            }
            else
            {
                _blocked.Add(held.Pair);
            }

            node = next;
        }

        _blocked.Clear();
        _heldCount = _held.Count;
        Monitor.PulseAll(_gate);
    }

    private readonly record struct Held(TPair Pair, long Fence, TItem Item);
}
