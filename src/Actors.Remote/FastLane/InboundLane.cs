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

    /// <summary>The barrier has arrived: messages may flow.</summary>
    public void Release() => _released.Set();

    /// <summary>Stops reading (after what is already in the ring) and ends the lane.</summary>
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
    }

    /// <summary>Ends the lane at once, without reading what is left: its writer's system is quarantined.</summary>
    public void Drop(string reason)
    {
        _hub.Log.Info("fast lane from {0} dropped: {1}", _peer.Address, reason);
        _dropped = true;
        _link.Dispose();
        Close(reason);
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
                    more = _link.Read(_handler, BatchLimit, ending);
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
        }
    }

    private void Handle(ReadOnlySpan<byte> record)
    {
        var read = _reader.Read(record);
        if (read.Failure is { } failure)
        {
            _hub.Log.Error(failure, "fast lane from {0}: could not deserialize a message for {1}; it is dropped and the lane remains open", _peer.Address, read.Recipient);
        }
        else if (read.IsDelivery)
        {
            _batch[_batched++] = read;
            _batchedBytes += record.Length;
        }
    }

    private void TellBatch()
    {
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
    }
}
