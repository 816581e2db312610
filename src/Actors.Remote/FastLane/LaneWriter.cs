using System.Text;
using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>
/// Writes one open lane's records into its link (a ring or a stream connection, <see cref="ILaneRecordSink"/>): a definition before the first message that names an
/// actor, then the message. What finds the ring full is held, in order, until <see cref="Drain"/> moves it in.
/// </summary>
/// <remarks>
/// Order: every record goes into the ring directly only while nothing is held; otherwise it joins the
/// held records behind the others. So the reader sees definitions and messages exactly in the order
/// they were written, which is what makes reusing a number safe (see <see cref="OutboundDefinitions"/>).
/// By default nothing is ever dropped for want of room, as Akka.Remote's endpoint buffers without bound;
/// with a <c>pending-limit</c> a message that would wait behind that many others is refused instead
/// (<see cref="LaneWriteResult.Overflowed"/>). Definitions are never refused: messages after them would name nobody.
/// Not thread-safe: the lane's lock guards it, and the ring's memory must stay mapped while it is used.
/// </remarks>
internal sealed class LaneWriter
{
    private readonly ILaneRecordSink _ring;
    private readonly OutboundDefinitions _definitions;
    private readonly int? _pendingLimit;
    private readonly Func<IActorRef, string> _pathOf;

    // Records waiting for room, in order; each entry says whether it is a message (counted against the limit).
    private readonly Queue<(byte[] Record, bool IsMessage)> _held = new();

    /// <param name="ring">Where the lane's records go.</param>
    /// <param name="definitionsLimit">How many actors the peer may know by number at once.</param>
    /// <param name="pendingLimit">How many messages may wait for room; null for no limit.</param>
    /// <param name="pathOf">The path the peer resolves an actor by (with our address for our own actors).</param>
    public LaneWriter(ILaneRecordSink ring, int definitionsLimit, int? pendingLimit, Func<IActorRef, string> pathOf)
    {
        _ring = ring;
        _definitions = new OutboundDefinitions(definitionsLimit);
        _pendingLimit = pendingLimit;
        _pathOf = pathOf;
    }

    /// <summary>Messages waiting for room in the ring.</summary>
    public int HeldMessages { get; private set; }

    /// <summary>True while records wait for room.</summary>
    public bool HasHeld => _held.Count > 0;

    /// <summary>The ring's bytes written and not yet read, and its capacity.</summary>
    public (long Used, long Capacity) RingOccupancy => (_ring.Backlog, _ring.Capacity);

    /// <summary>The largest message record the ring takes.</summary>
    public int MaximumMessageBytes => _ring.MaximumPayload;

    /// <summary>The actors the peer knows by number now.</summary>
    public int DefinedActors => _definitions.Count;

    /// <summary>
    /// Writes one message for <paramref name="recipient"/> from <paramref name="sender"/> (null or Nobody for none),
    /// behind a fence record when <paramref name="fence"/> is above 0 (see <see cref="ChannelFencing{TPair}"/>).
    /// </summary>
    public LaneWriteResult Write(IActorRef recipient, IActorRef? sender, in EncodedMessage message, long fence = 0)
    {
        var length = message.RecordLength;
        if (length > _ring.MaximumPayload)
        {
            return LaneWriteResult.TooLarge;
        }

        if (_held.Count > 0 && HeldMessages >= _pendingLimit)
        {
            return LaneWriteResult.Overflowed;
        }

        var recipientId = Define(recipient, pinned: LaneRecords.NoSender);
        if (recipientId < 0)
        {
            return LaneWriteResult.PathTooLong;
        }

        var senderId = LaneRecords.NoSender;
        if (sender is not null && !sender.IsNobody())
        {
            senderId = Define(sender, pinned: recipientId);
            if (senderId < 0)
            {
                return LaneWriteResult.PathTooLong;
            }
        }

        if (fence > 0)
        {
            // Right before its message, after the definitions it names: the reader applies it to the next message record.
            Put(LaneRecords.FenceLength, fence, static (record, after) => LaneRecords.WriteFence(record, after));
        }

        if (_held.Count == 0 && _ring.TryClaim(length, out var record))
        {
            LaneRecords.WriteMessage(record, recipientId, senderId, message.SerializerId, message.Manifest, message.Payload);
            _ring.Commit();
            return LaneWriteResult.Written;
        }

        var copy = new byte[length];
        LaneRecords.WriteMessage(copy, recipientId, senderId, message.SerializerId, message.Manifest, message.Payload);
        _held.Enqueue((copy, true));
        HeldMessages++;
        return LaneWriteResult.Held;
    }

    /// <summary>Writes the channel record that names this lane's large channel; never refused (it is not a message).</summary>
    public void WriteChannel(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length is 0 or > LaneRecords.MaximumChannelNameBytes)
        {
            throw new ArgumentException($"a lane channel's name does not fit a channel record: length={bytes.Length}, limit={LaneRecords.MaximumChannelNameBytes}", nameof(name));
        }

        Put(LaneRecords.ChannelLength(bytes.Length), bytes, static (record, name) => LaneRecords.WriteChannel(record, name));
    }

    /// <summary>Moves held records into the ring while it has room; true when none are left.</summary>
    public bool Drain()
    {
        while (_held.TryPeek(out var held) && _ring.TryWrite(held.Record))
        {
            _held.Dequeue();
            if (held.IsMessage)
            {
                HeldMessages--;
            }
        }

        return _held.Count == 0;
    }

    /// <summary>The number of <paramref name="actor"/>, its definition written first when it is new; -1 when its path is too long for a definition.</summary>
    private int Define(IActorRef actor, int pinned)
    {
        // The common case first: an actor the peer knows costs one lookup, no path.
        if (_definitions.TryGet(actor, out var id))
        {
            return id;
        }

        var path = Encoding.UTF8.GetBytes(_pathOf(actor));
        if (path.Length > LaneRecords.MaximumPathBytes)
        {
            return -1;
        }

        id = _definitions.Add(actor, pinned);
        Put(LaneRecords.DefinitionLength(path.Length), (id, path), static (record, definition) => LaneRecords.WriteDefinition(record, definition.id, definition.path));
        return id;
    }

    /// <summary>Writes a record that is not a message (never refused, not counted): into the ring, or held behind the others.</summary>
    private void Put<TState>(int length, TState state, RecordFill<TState> fill)
    {
        if (_held.Count == 0 && _ring.TryClaim(length, out var record))
        {
            fill(record, state);
            _ring.Commit();
        }
        else
        {
            var copy = new byte[length];
            fill(copy, state);
            _held.Enqueue((copy, false));
        }
    }

    private delegate void RecordFill<in TState>(Span<byte> record, TState state);
}
