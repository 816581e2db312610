using Actors.Remote.FastLane;

namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>
/// A lane's two channels with the real writer half (<see cref="ChannelFencing{TPair}"/>) and reader half
/// (<see cref="ChannelOrdering{TPair,TItem}"/>), the channels as queues and the two readers stepped one run at a time
/// in the order the operations say, as <c>OutboundLane</c> and <c>InboundLane</c> drive them.
/// </summary>
internal sealed class TwoChannelHarness
{
    private readonly ChannelFencing<int> _fencing;
    private readonly ChannelOrdering<int, Message> _ordering;
    private readonly Queue<(Message Message, long Fence)> _small = new();
    private readonly Queue<(Message Message, long Fence)> _large = new();
    private readonly List<Message> _batch = [];
    private readonly int _pairsLimit;
    private bool _largeOpen;
    private long _smallRead;
    private int _sent;

    public TwoChannelHarness(int pairsLimit, int heldLimit)
    {
        _pairsLimit = pairsLimit;
        _fencing = new ChannelFencing<int>(pairsLimit);
        _ordering = new ChannelOrdering<int, Message>(heldLimit, Delivered.Add);
    }

    /// <summary>Messages told, in order.</summary>
    public List<Message> Delivered { get; } = [];

    /// <summary>Every message sent, in order.</summary>
    public List<Message> Sent { get; } = [];

    /// <summary>Applies one step; a message when a bound was broken.</summary>
    public string? Apply(ChannelOperation operation)
    {
        switch (operation)
        {
            case SendOnPair send:
                Send(send.Pair, send.Large);
                break;
            case OpenLargeChannel:
                _largeOpen = true;
                break;
            case ReadSmall read:
                StepSmall(read.Records);
                break;
            case ReadLarge read:
                StepLarge(read.Records);
                break;
        }

        return _fencing.PairsHeld > _pairsLimit ? $"the writer's table holds {_fencing.PairsHeld} pairs, limit {_pairsLimit}"
            : _ordering.HeldCount > _ordering.HeldLimit ? $"the reader holds {_ordering.HeldCount} records, limit {_ordering.HeldLimit}"
            : null;
    }

    /// <summary>Steps both readers until neither can move; false when records are left that nothing will ever deliver.</summary>
    public bool Finish()
    {
        while (StepSmall(int.MaxValue) | StepLarge(int.MaxValue))
        {
        }

        return _small.Count == 0 && _large.Count == 0 && _ordering.HeldCount == 0;
    }

    private void Send(int pair, bool large)
    {
        var message = new Message(_sent++, pair, large);
        Sent.Add(message);
        if (large && _largeOpen)
        {
            _large.Enqueue((message, _fencing.LargeFence));
            _fencing.LargeWritten(pair);
        }
        else
        {
            _small.Enqueue((message, _fencing.SmallFenceOf(pair)));
            _fencing.SmallWritten();
        }
    }

    /// <summary>One run of the small reader: as InboundLane reads a batch, holding what must wait, then tells it and publishes its count.</summary>
    private bool StepSmall(int limit)
    {
        var moved = false;
        // A reader waiting for room reads nothing until the large reader releases some.
        for (var i = 0; i < limit && !_ordering.IsFull && _small.TryDequeue(out var record); i++)
        {
            moved = true;
            _smallRead++;
            if (!_ordering.TryHold(record.Message.Pair, record.Fence, record.Message))
            {
                _batch.Add(record.Message);
            }
        }

        Delivered.AddRange(_batch);
        _batch.Clear();
        _ordering.SmallHandled(_smallRead);
        return moved;
    }

    /// <summary>The large reader: tells each record whose fence the small count has reached, releasing what waited for it.</summary>
    private bool StepLarge(int limit)
    {
        var moved = false;
        // Waiting with "closed" already true is a look that never blocks.
        for (var i = 0; i < limit && _large.TryPeek(out var record) && _ordering.WaitForSmall(record.Fence, () => true); i++)
        {
            moved = true;
            _large.Dequeue();
            Delivered.Add(record.Message);
            _ordering.LargeDelivered();
        }

        return moved;
    }

    /// <summary>A message: its number in send order, its pair, its size class.</summary>
    public sealed record Message(int Number, int Pair, bool Large)
    {
        public override string ToString() => $"#{Number}({(Large ? "large" : "small")}, p{Pair})";
    }
}
