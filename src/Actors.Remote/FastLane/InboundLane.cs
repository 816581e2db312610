using Actors.Remote.Diagnostics;
using Actors.Remote.SharedMemory;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>
/// A lane a peer opened into this system: a thread of its own waits on the link (a ring or a stream), and
/// the <see cref="LaneReader"/> turns each run of records into messages told to their recipients.
/// </summary>
/// <remarks>
/// Nothing is read before the lane's barrier has arrived by the classic path (see <see cref="LaneOpened"/>).
/// A message for an actor that does not exist goes to dead letters, as over Akka.Remote; one that cannot
/// be deserialized is logged and dropped, and the lane lives on. A record that breaks the format
/// closes the lane: nothing after it can be trusted. The lane also closes when its link ends (the
/// peer's process exited or hangs) and when the peer's system is quarantined.
/// A lane's large-message channel is a second inbound lane of the same peer, named by a channel record in the
/// first one (the small channel) and released by it; the two then keep per-pair order by the fences the writer
/// chose (<see cref="ChannelOrdering{TPair,TItem}"/>), and either ending ends both.
/// </remarks>
internal sealed class InboundLane
{
    // Messages read and deserialized before any is told. A recipient then finds a run of messages in
    // its mailbox rather than one at a time, so it is scheduled onto a thread once per run instead of
    // once per message; a few dozen records are a few microseconds of reading.
    private const int BatchLimit = 64;

    private readonly LaneHub _hub;
    private readonly ILaneReceivingLink _link;
    private readonly LanePeer _peer;
    private readonly ManualResetEventSlim _released = new(false);
    private readonly LaneReader _reader;
    private readonly RingConsumer.RecordHandler _handler;
    private readonly Func<bool> _closed;
    private readonly LaneRead[] _batch = new LaneRead[BatchLimit];
    private int _batched;

    // Records read per run: BatchLimit, or one for a large channel, whose messages are told one at a time.
    private int _readLimit = BatchLimit;

    // Set once this lane is one of a pair of channels (before a large channel is released; by the small reader for a small one).
    private volatile InboundLane? _partner;
    private ChannelOrdering<LanePair, LaneRead>? _ordering;
    private bool _isLarge;

    // Message records read so far (a small channel publishes it after each run; a large one counts its deliveries by it).
    private long _messagesRead;

    // The count the small channel published last.
    private long _published;

    // The fence read last, for the next message record; 0 for none.
    private long _fence;

    // A large channel's message read and not yet told, and its fence.
    private LaneRead? _large;
    private long _largeFence;

    // The record bytes of the batch, counted once per batch.
    private long _batchedBytes;

    // The tags of this lane's measurements (system, transport=shm, path=lane), built once.
    private readonly KeyValuePair<string, object?>[] _metricTags;
    private volatile bool _closing;
    private volatile bool _dropped;

    /// <param name="hub">The system's lanes.</param>
    /// <param name="link">Makes the lane's link, given what to call when the link ends by itself.</param>
    /// <param name="peer">The system that writes into this lane.</param>
    public InboundLane(LaneHub hub, Func<Action<string>, ILaneReceivingLink> link, LanePeer peer)
    {
        _hub = hub;
        _peer = peer;
        _link = link(Close);
        Name = _link.Name;
        _reader = new LaneReader(hub.Serialization, path => hub.Provider.ResolveActorRefWithLocalAddress(path, hub.LocalAddress));
        _handler = Handle;
        _closed = () => _closing;
        _metricTags = MetricTags.For(hub.LocalAddress.System, _link.TransportTag, MetricTags.Lane);
    }

    /// <summary>The lane's name (its segment file name or its connection's id): what its barrier names.</summary>
    public string Name { get; }

    /// <summary>The system that writes into this lane.</summary>
    public LanePeer Peer => _peer;

    /// <summary>Starts the reading thread (held until <see cref="Release"/>) and the link's watch.</summary>
    public void Start()
    {
        OpenAssociations.Track(this, _hub.System, new AssociationInfo(_hub.LocalAddress, _peer.Address, _link.TransportTag, MetricTags.Lane, false, DateTimeOffset.UtcNow));
        new Thread(ReadLoop) { IsBackground = true, Name = $"lane-reader {_peer.Address}" }.Start();
        _link.Start();
    }

    /// <summary>The barrier has arrived: messages may flow, and the writer, if it waits for this, may write.</summary>
    public void Release()
    {
        if (!_released.IsSet && !_closing)
        {
            _link.Released();
        }

        _released.Set();
    }

    /// <summary>Stops reading (after what is already in the ring) and ends the lane, both channels.</summary>
    public void Close(string reason)
    {
        if (_closing)
        {
            return;
        }

        _hub.Log.Debug("fast lane from {0} closing: {1}", _peer.Address, reason);
        _closing = true;
        _released.Set();
        _link.Finish(reason);
        _partner?.Close(reason);
    }

    /// <summary>
    /// Makes this lane, admitted and not yet released, the large-message channel of <paramref name="small"/>, whose channel
    /// record named it, and releases it: <paramref name="small"/> was released by its barrier, so nothing here overtakes
    /// what went the classic way before the lane opened.
    /// </summary>
    /// <exception cref="RingCorruptedException">This lane is not a fresh lane of the same peer.</exception>
    public void BecomeLargeChannelOf(InboundLane small)
    {
        if (ReferenceEquals(small, this) || !small.Peer.Equals(_peer) || _released.IsSet || _partner is not null || small._ordering is null)
        {
            throw new RingCorruptedException($"a lane's channel record names lane {Name}, which is not a new lane of the same peer");
        }

        _ordering = small._ordering;
        _isLarge = true;
        // One lane, one row: the small channel's stands for both (as on the sending side).
        OpenAssociations.Untrack(this);
        _readLimit = 1;
        _partner = small;
        small._partner = this;
        // Either may have closed meanwhile: then both do.
        if (small._closing || _closing)
        {
            Close("its other channel closed");
        }

        Release();
    }

    /// <summary>Ends the lane at once, without reading what is left: its writer's system is quarantined.</summary>
    public void Drop(string reason)
    {
        if (_dropped)
        {
            // Its other channel dropped it already.
            return;
        }

        _hub.Log.Info("fast lane from {0} dropped: {1}", _peer.Address, reason);
        _dropped = true;
        _link.Dispose();
        Close(reason);
        _partner?.Drop(reason);
    }

    private void ReadLoop()
    {
        try
        {
            _released.Wait(_hub.Stopping);
            while (true)
            {
                // Look at the end first: what the peer wrote before it ended is then read too.
                var ending = _closing;
                bool more;
                try
                {
                    more = _link.Read(_handler, _readLimit, ending);
                }
                finally
                {
                    // Also when a bad record ends the lane: what was read before it is delivered.
                    TellBatch();
                }

                if (!more)
                {
                    return;
                }

                _link.WaitForRecords(_closed);
            }
        }
        catch (OperationCanceledException)
        {
            // The system is stopping.
        }
        catch (Exception e)
        {
            _hub.Log.Error(e, "fast lane from {0}: dropping the lane", _peer.Address);
        }
        finally
        {
            OpenAssociations.Untrack(this);
            _hub.Forget(this);
            _link.Dispose();
            EndChannel();
        }
    }

    /// <summary>This channel has stopped reading: the other stops waiting for it, and ends too.</summary>
    private void EndChannel()
    {
        if (_ordering is { } ordering)
        {
            if (_isLarge)
            {
                ordering.LargeEnded();
            }
            else
            {
                ordering.SmallEnded();
            }
        }

        _partner?.Close(_isLarge ? "its large-message channel ended" : "its small-message channel ended");
    }

    private void Handle(ReadOnlySpan<byte> record)
    {
        switch (record.IsEmpty ? (byte)0 : record[LaneRecords.KindOffset])
        {
            case LaneRecords.FenceKind:
                _fence = _ordering is not null && _fence == 0 && LaneRecords.TryReadFence(record, out var after)
                    ? after
                    : throw new RingCorruptedException($"a lane record of kind {LaneRecords.FenceKind} (a fence) and {record.Length} bytes is not one a lane writer writes here: one fence of {LaneRecords.FenceLength} bytes before a message, in a lane with a large-message channel");
                return;
            case LaneRecords.ChannelKind:
                PairLargeChannel(record);
                return;
            case LaneRecords.MessageKind:
                break;
            default:
                // A definition: nothing to deliver; anything else throws.
                _reader.Read(record);
                return;
        }

        var read = _reader.Read(record);
        var fence = _fence;
        _fence = 0;
        _messagesRead++;
        if (_isLarge)
        {
            _large = read;
            _largeFence = fence;
            _batchedBytes += record.Length;
        }
        else if (read.Failure is { } failure)
        {
            LogFailure(failure, read);
        }
        else if (_ordering is { } ordering && ordering.TryHold(new LanePair(read.Recipient!, read.Sender), fence, read))
        {
            if (ordering.IsFull)
            {
                // Publish the count first (it covers what is held): the large reader may be waiting for it.
                TellBatch();
                ordering.WaitForRoom(_closed);
            }
        }
        else
        {
            _batch[_batched++] = read;
            _batchedBytes += record.Length;
        }
    }

    /// <summary>A channel record: the peer opened this lane's large-message channel, named in it.</summary>
    private void PairLargeChannel(ReadOnlySpan<byte> record)
    {
        if (_isLarge || _ordering is not null || !LaneRecords.TryReadChannel(record, out var name))
        {
            throw new RingCorruptedException($"a lane record of kind {LaneRecords.ChannelKind} (a channel) and {record.Length} bytes is not one a lane writer writes: one, naming a lane in 1 to {LaneRecords.MaximumChannelNameBytes} UTF-8 bytes, in a lane's first channel");
        }

        _ordering = new ChannelOrdering<LanePair, LaneRead>(LaneSettings.HeldSmallRecordsLimit, TellReleased);
        _hub.PairLargeChannel(name, this);
    }

    /// <summary>A held small record, released by the large reader (or as a channel ends).</summary>
    private void TellReleased(LaneRead read)
    {
        if (!_dropped)
        {
            read.Recipient!.Tell(read.Message!, read.Sender);
            RemoteMetrics.MessagesReceived.Add(1, _metricTags);
        }
    }

    private void LogFailure(Exception failure, in LaneRead read) =>
        _hub.Log.Error(failure, "fast lane from {0}: could not deserialize a message for {1}; it is dropped and the lane remains open", _peer.Address, read.Recipient);

    /// <summary>A large channel's message: told once the small records written before it were, then it releases what waited for it.</summary>
    private void TellLarge()
    {
        if (_large is not { } read)
        {
            return;
        }

        _large = null;
        var ordering = _ordering!;
        // Waits for the small reader, which keeps reading until it stops; only a dropped lane or a stopping system abandons the wait.
        if (!ordering.WaitForSmall(_largeFence, () => _dropped || _hub.Stopping.IsCancellationRequested))
        {
            return;
        }

        if (read.Failure is { } failure)
        {
            LogFailure(failure, read);
        }
        else if (!_dropped)
        {
            read.Recipient!.Tell(read.Message!, read.Sender);
            RemoteMetrics.MessagesReceived.Add(1, _metricTags);
            RemoteMetrics.BytesReceived.Add(_batchedBytes, _metricTags);
        }

        _batchedBytes = 0;
        ordering.LargeDelivered();
    }

    private void TellBatch()
    {
        if (_isLarge)
        {
            TellLarge();
            return;
        }

        // A quarantined writer's messages are not delivered, even those already read.
        var deliver = !_dropped;
        for (var i = 0; i < _batched; i++)
        {
            ref var delivery = ref _batch[i];
            if (deliver)
            {
                delivery.Recipient!.Tell(delivery.Message!, delivery.Sender);
            }

            delivery = default;
        }

        if (deliver && _batched > 0)
        {
            RemoteMetrics.MessagesReceived.Add(_batched, _metricTags);
            RemoteMetrics.BytesReceived.Add(_batchedBytes, _metricTags);
        }

        _batched = 0;
        _batchedBytes = 0;
        // Told (or held): the large reader may now deliver what was written after them.
        if (_ordering is { } ordering && _published != _messagesRead)
        {
            _published = _messagesRead;
            ordering.SmallHandled(_published);
        }
    }
}
