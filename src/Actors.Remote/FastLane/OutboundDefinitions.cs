using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>
/// The writer's table of the actors the peer knows by number: at most <see cref="Capacity"/> of them,
/// the least recently used one giving its number to a newcomer when the table is full.
/// </summary>
/// <remarks>
/// Why reuse is safe: the reader applies records in ring order. A number is given to a new actor by
/// writing its definition into the same ordered stream (ring, then the writer's held records) as
/// the messages, so every message that named the number's previous actor is ahead of the
/// redefinition and is resolved before it. The one record that could name a number both ways is
/// the message being written itself (recipient, then sender): its recipient's number is
/// <em>pinned</em> while the sender is looked up, so the sender can never take it.
/// A lane that lives for weeks and sees millions of temporary actors (every Ask makes one) keeps at
/// most <see cref="Capacity"/> references here, and the reader at most as many paths.
/// Not thread-safe: the lane's lock guards it.
/// </remarks>
internal sealed class OutboundDefinitions
{
    private const int None = -1;

    // By reference: an actor's own reference (Self, a lane ref) is one object, and an ActorPath's hash walks the whole
    // path on every message. Two references to one actor just get two numbers.
    private readonly Dictionary<IActorRef, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly IActorRef?[] _actors;

    // A doubly linked list of the numbers in use, most recently used first.
    private readonly int[] _newer;
    private readonly int[] _older;
    private int _newest = None;
    private int _oldest = None;

    public OutboundDefinitions(int capacity)
    {
        if (capacity is < 2 or > LaneRecords.MaximumDefinitions)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"a lane's definitions table holds from 2 to {LaneRecords.MaximumDefinitions} actors");
        }

        Capacity = capacity;
        _actors = new IActorRef?[capacity];
        _newer = new int[capacity];
        _older = new int[capacity];
    }

    /// <summary>The most actors the table holds at once.</summary>
    public int Capacity { get; }

    /// <summary>The actors the table holds now.</summary>
    public int Count => _ids.Count;

    /// <summary>The number of <paramref name="actor"/> when the peer knows it (it becomes the most recently used).</summary>
    public bool TryGet(IActorRef actor, out int id)
    {
        if (!_ids.TryGetValue(actor, out id))
        {
            return false;
        }

        Touch(id);
        return true;
    }

    /// <summary>
    /// Gives <paramref name="actor"/>, which has no number yet, a number: a free one, or the least
    /// recently used one other than <paramref name="pinned"/>. The caller writes its definition before
    /// any record that uses it.
    /// </summary>
    public int Add(IActorRef actor, int pinned)
    {
        int id;
        if (_ids.Count < Capacity)
        {
            id = _ids.Count;
        }
        else
        {
            id = _oldest == pinned ? _newer[_oldest] : _oldest;
            _ids.Remove(_actors[id]!);
            Unlink(id);
        }

        _ids.Add(actor, id);
        _actors[id] = actor;
        LinkNewest(id);
        return id;
    }

    private void Touch(int id)
    {
        if (_newest != id)
        {
            Unlink(id);
            LinkNewest(id);
        }
    }

    private void Unlink(int id)
    {
        var newer = _newer[id];
        var older = _older[id];
        if (newer == None)
        {
            _newest = older;
        }
        else
        {
            _older[newer] = older;
        }

        if (older == None)
        {
            _oldest = newer;
        }
        else
        {
            _newer[older] = newer;
        }
    }

    private void LinkNewest(int id)
    {
        _newer[id] = None;
        _older[id] = _newest;
        if (_newest != None)
        {
            _newer[_newest] = id;
        }

        _newest = id;
        if (_oldest == None)
        {
            _oldest = id;
        }
    }
}
