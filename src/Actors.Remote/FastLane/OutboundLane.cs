using Actors.Remote.Diagnostics;
using Actors.Remote.Handshake;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>
/// The lane from this system to one peer: user messages are serialized by the serializer Akka would
/// choose, written into the lane's link (a ring or a stream connection) by a <see cref="LaneWriter"/> and read on the other side
/// straight into their recipients' mailboxes.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Until the lane is open every message takes the classic path, under the lane's lock; the lane
/// opens under the same lock by sending its barrier (<see cref="LaneOpened"/>) the classic way. So
/// for any sender and receiver, what went the classic way before is delivered before what follows on
/// the lane.</item>
/// <item>Writers serialize on their own threads and only copy into the ring under the lock. While the
/// ring is full, records wait in order and a drain task moves them in as the reader makes room:
/// by default without limit, as Akka.Remote's endpoint buffers (see <c>pending-limit</c>).</item>
/// <item>When the link ends (the peer process exited or hangs) or the peer's system is quarantined, the
/// lane closes and later messages take the classic path, which decides as Akka does: a new incarnation
/// gets them (and a new lane), a quarantined one never does.</item>
/// <item>A message above <c>large-message-threshold</c> starts opening a second channel (<see cref="OutboundLargeChannel"/>) and,
/// once it is open, takes it, so small messages are not stuck behind it; until then it takes the small channel, which is
/// ordered by itself. The small channel names the large one (a channel record) before any message goes there, fences keep
/// per-pair order across the two (<see cref="ChannelFencing{TPair}"/>), and either channel ending closes the lane.</item>
/// </list>
/// </remarks>
internal sealed class OutboundLane
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly LaneHub _hub;
    private readonly Address _remote;
    private readonly Lock _gate = new();

    // The tags of this lane's measurements (system, transport=shm, path=lane), built once.
    private KeyValuePair<string, object?>[] _metricTags;

    // Guarded by _gate; _state is read without it only to take the open lane's fast path.
    private volatile LaneState _state = LaneState.Closed;
    private ILaneSendingLink? _link;
    private LaneWriter? _writer;
    private LanePeer? _peer;
    private long _retryAt;
    private long _overflowed;
    private readonly HeldRecordDrainer _drainer;

    // The open lane's channel numbering and fences; its large-message channel once open (read without the lock to route a large message).
    private ChannelFencing<LanePair>? _fencing;
    private volatile OutboundLargeChannel? _large;
    private bool _largeOpening;
    private bool _takesLargeChannel;
    private long _largeRetryAt;
    private long _sent;

    public OutboundLane(LaneHub hub, Address remote)
    {
        _hub = hub;
        _remote = remote;
        _metricTags = MetricTags.For(hub.LocalAddress.System, hub.TransportTag, MetricTags.Lane);
        _drainer = new HeldRecordDrainer(_gate, () => (_link, _writer));
    }

    private enum LaneState
    {
        Closed,
        Opening,
        Open,
    }

    /// <summary>Messages that took the lane (written or held for it).</summary>
    public long SentCount => Interlocked.Read(ref _sent);

    /// <summary>Messages the open lane's small channel holds for want of room in its link; 0 while closed.</summary>
    public int HeldMessages
    {
        get
        {
            lock (_gate)
            {
                return _writer?.HeldMessages ?? 0;
            }
        }
    }

    /// <summary>Messages that went to dead letters because <c>pending-limit</c> messages were already waiting.</summary>
    public long OverflowCount => Interlocked.Read(ref _overflowed);

    /// <summary>True while messages take the lane.</summary>
    public bool IsOpen => _state == LaneState.Open;

    /// <summary>The transport tag of the open lane's link (<c>shm</c> for a ring, else the stream transport's scheme); null while closed.</summary>
    public string? LinkTransportTag => _link?.TransportTag;

    /// <summary>True while the open lane has its large-message channel.</summary>
    public bool HasLargeChannel => _large is not null;

    /// <summary>The incarnation of the peer the open lane reaches; null while closed.</summary>
    public LanePeer? Peer => _peer;

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> by the lane, or the classic way while the lane is not open.</summary>
    public void Send(LaneActorRef target, object message, IActorRef sender)
    {
        if (_state != LaneState.Open)
        {
            lock (_gate)
            {
                if (_state != LaneState.Open)
                {
                    if (_state == LaneState.Closed && Environment.TickCount64 >= _retryAt && !_hub.Stopping.IsCancellationRequested)
                    {
                        _state = LaneState.Opening;
                        _ = Task.Run(OpenAsync);
                    }

                    target.TellClassic(message, sender);
                    return;
                }
            }
        }

        SendOnLane(target, message, sender);
    }

    /// <summary>Closes the lane; later messages take the classic path until it opens again.</summary>
    public void Close(string reason)
    {
        ILaneSendingLink? link;
        lock (_gate)
        {
            link = _link;
            if (link is null)
            {
                // Not open (a lane is open exactly while it has a link): nothing to close.
                return;
            }

            _hub.Log.Info("fast lane to {0} closed: {1}", _peer!, reason);
            _state = LaneState.Closed;
            if (_writer!.HeldMessages > 0)
            {
                // As over the classic path, what had not left this process when its peer went is lost.
                _hub.Log.Warning("fast lane to {0}: {1} message(s) waiting for room were not delivered", _peer!, _writer.HeldMessages);
            }

            _link = null;
            _writer = null;
            _peer = null;
            _fencing = null;
        }

        OpenAssociations.Untrack(this);
        link.Dispose();
        if (Interlocked.Exchange(ref _large, null) is { } large && large.Close() is > 0 and var held)
        {
            _hub.Log.Warning("fast lane to {0}: {1} large message(s) waiting for room were not delivered", _remote, held);
        }
    }

    /// <summary>Closes the lane if it reaches <paramref name="peer"/>: that incarnation is quarantined and gets nothing more.</summary>
    public void Quarantine(LanePeer peer)
    {
        if (Equals(Volatile.Read(ref _peer), peer))
        {
            Close($"{peer} is quarantined");
        }
    }

    private void SendOnLane(LaneActorRef target, object message, IActorRef sender)
    {
        EncodedMessage encoded;
        try
        {
            encoded = _hub.Serialization.Serialize(message);
        }
        catch (Exception e)
        {
            // As Akka.Remote does: the message is dropped, the association (here the lane) lives on.
            _hub.Log.Error(e, "Failed to serialize remote message [{0}] for the fast lane to {1}; the message is dropped and the lane remains open", message.GetType(), _remote);
            return;
        }

        var pair = new LanePair(target, sender.IsNobody() ? null : sender);
        if (IsLarge(encoded))
        {
            if (_large is { } large && large.Write(target, sender, encoded, pair) is { } written)
            {
                Report(written, target, message, sender, encoded);
                return;
            }

            StartOpeningLargeChannel();
        }

        LaneWriteResult result;
        lock (_gate)
        {
            var link = _link;
            if (_state != LaneState.Open || link is null || !link.TryEnter())
            {
                // Closed between our look and the lock: the classic path decides.
                target.TellClassic(message, sender);
                return;
            }

            try
            {
                var fencing = _fencing!;
                result = _writer!.Write(target, sender, encoded, fencing.SmallFenceOf(pair));
                if (result is LaneWriteResult.Written or LaneWriteResult.Held)
                {
                    fencing.SmallWritten();
                    CountSent();
                }

                if (result == LaneWriteResult.Held)
                {
                    _drainer.StartUnsynchronized();
                }

                link.Flush();
            }
            finally
            {
                link.Exit();
            }
        }

        Report(result, target, message, sender, encoded);
    }

    /// <summary>
    /// Counts a message that took the lane, under the channel's lock and before its flush: a record written on the sending
    /// thread can reach its recipient, and the recipient's answer its sender, before this thread returns from the flush,
    /// so whoever sees the answer also sees the count.
    /// </summary>
    private void CountSent() => Interlocked.Increment(ref _sent);

    private void Report(LaneWriteResult result, IActorRef target, object message, IActorRef sender, in EncodedMessage encoded)
    {
        switch (result)
        {
            case LaneWriteResult.Written or LaneWriteResult.Held:
                RemoteMetrics.MessagesSent.Add(1, _metricTags);
                RemoteMetrics.BytesSent.Add(encoded.RecordLength, _metricTags);
                if (result == LaneWriteResult.Held)
                {
                    RemoteMetrics.BackPressureWaits.Add(1, _metricTags);
                }

                return;
            case LaneWriteResult.TooLarge:
                _hub.Log.Error(
                    "Discarding oversized payload sent to {0}: max allowed size {1} bytes (an eighth of {2}.ring-size, at most the transport's maximum-frame-size), actual size of encoded {3} was {4} bytes.",
                    target, _hub.MaximumMessageBytes, LaneSettings.ConfigPath, message.GetType(), encoded.RecordLength);
                return;
            case LaneWriteResult.PathTooLong:
                _hub.Log.Error(
                    "Discarding a message [{0}] to {1}: its recipient's or sender's path is longer than the {2} bytes a lane definition carries",
                    message.GetType(), target, LaneRecords.MaximumPathBytes);
                return;
            case LaneWriteResult.Overflowed:
                RemoteMetrics.LaneOverflows.Add(1, _metricTags);
                if (Interlocked.Increment(ref _overflowed) % 10_000 == 1)
                {
                    _hub.Log.Warning(
                        "fast lane to {0} is full ({1}.pending-limit = {2} messages waiting): messages go to dead letters ({3} so far)",
                        _remote, LaneSettings.ConfigPath, _hub.Settings.PendingLimit, Interlocked.Read(ref _overflowed));
                }

                _hub.System.DeadLetters.Tell(new DeadLetter(message, sender ?? ActorRefs.Nobody, target));
                return;
        }
    }

    /// <summary>The open lane's ring: bytes used and capacity; null while closed.</summary>
    private (long Used, long Capacity)? RingOccupancy()
    {
        lock (_gate)
        {
            var link = _link;
            if (link is null || !link.TryEnter())
            {
                return null;
            }

            try
            {
                return _writer!.RingOccupancy;
            }
            finally
            {
                link.Exit();
            }
        }
    }

    /// <summary>True for a message the large-message channel takes: above the threshold, and not one refused for its size anyway.</summary>
    private bool IsLarge(in EncodedMessage encoded) =>
        _hub.Settings.LargeMessageThreshold is { } threshold && encoded.RecordLength > threshold && encoded.RecordLength <= _hub.MaximumMessageBytes;

    /// <summary>Starts opening the open lane's large-message channel, unless it is opening or failed a moment ago.</summary>
    private void StartOpeningLargeChannel()
    {
        lock (_gate)
        {
            if (_state != LaneState.Open || !_takesLargeChannel || _large is not null || _largeOpening || Environment.TickCount64 < _largeRetryAt)
            {
                return;
            }

            _largeOpening = true;
            var small = _link!;
            var peer = _peer!;
            _ = Task.Run(() => OpenLargeChannelAsync(small, peer));
        }
    }

    /// <summary>Opens a second link to the same peer, names it in the small channel, then sends large messages by it.</summary>
    private async Task OpenLargeChannelAsync(ILaneSendingLink small, LanePeer peer)
    {
        ILaneSendingLink link;
        LanePeer reached;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_hub.Stopping);
            deadline.CancelAfter(_hub.Settings.OpenTimeout);
            (link, reached, _) = await _hub.Carrier.OpenAsync(_remote, reason => Close($"its large-message channel ended: {reason}"), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _largeOpening = false;
                _largeRetryAt = Environment.TickCount64 + (long)RetryAfterFailure.TotalMilliseconds;
            }

            _hub.Log.Info("no large-message channel to {0} ({1}); large messages share the lane's channel", _remote, e.Message);
            return;
        }

        OutboundLargeChannel? large = null;
        lock (_gate)
        {
            _largeOpening = false;
            // The lane may have closed (or reopened to another incarnation) meanwhile: this channel then belongs to nothing.
            if (ReferenceEquals(_link, small) && reached.Equals(peer) && small.TryEnter())
            {
                try
                {
                    large = new OutboundLargeChannel(link, _hub, _fencing!, CountSent);
                    // Named in the small channel before any message goes the large way: the reader pairs and releases it by this.
                    _writer!.WriteChannel(large.Name);
                    if (_writer.HasHeld)
                    {
                        _drainer.StartUnsynchronized();
                    }

                    small.Flush();
                    _large = large;
                }
                finally
                {
                    small.Exit();
                }
            }
        }

        if (large is null)
        {
            link.Dispose();
            return;
        }

        _hub.Log.Info("fast lane to {0}: large-message channel open ({1})", peer, link.TransportTag == MetricTags.LaneTransport ? "shared memory" : link.TransportTag);
        large.Start();
    }

    private async Task OpenAsync()
    {
        ILaneSendingLink link;
        LanePeer peer;
        bool takesLargeChannel;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_hub.Stopping);
            deadline.CancelAfter(_hub.Settings.OpenTimeout);
            (link, peer, takesLargeChannel) = await _hub.Carrier.OpenAsync(_remote, Close, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _state = LaneState.Closed;
                _retryAt = Environment.TickCount64 + (long)RetryAfterFailure.TotalMilliseconds;
            }

            if (e is HandshakeException)
            {
                RemoteMetrics.HandshakeRefused(_hub.System.Name, _hub.TransportTag, MetricTags.Lane, HandshakeRefusal.Of(e));
            }

            _hub.Log.Info("no fast lane to {0} ({1}); messages take the classic path", _remote, e.Message);
            return;
        }

        var barrier = _hub.Provider.ResolveActorRef(new RootActorPath(_remote) / "system" / LaneBarrierActor.Name);
        lock (_gate)
        {
            _link = link;
            _peer = peer;
            // The link's own tag: a lane over a stream transport may have moved into a ring.
            _metricTags = MetricTags.For(_hub.LocalAddress.System, link.TransportTag, MetricTags.Lane);
            _writer = new LaneWriter(link.Records, _hub.Settings.DefinitionsLimit, _hub.Settings.PendingLimit, _hub.PathOf);
            _fencing = new ChannelFencing<LanePair>(LaneSettings.LargeSendersLimit);
            // A peer of an older build reads one channel: its large messages share it.
            _takesLargeChannel = takesLargeChannel;
            // Everything sent the classic way so far is ahead of this barrier in the association.
            barrier.Tell(new LaneOpened(link.Name));
            OpenAssociations.Track(this, _hub.System, new AssociationInfo(_hub.LocalAddress, _remote, link.TransportTag, MetricTags.Lane, true, DateTimeOffset.UtcNow), RingOccupancy);
            _state = LaneState.Open;
        }

        _hub.Log.Info("fast lane to {0} open ({1})", peer, link.TransportTag == MetricTags.LaneTransport ? "shared memory" : link.TransportTag);
        link.Start();
        // Quarantined while we opened: the hub's news may have come before _peer was set.
        if (_hub.IsQuarantined(peer))
        {
            Quarantine(peer);
        }
    }
}
