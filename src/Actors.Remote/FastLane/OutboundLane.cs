using System.Net.Sockets;
using System.Text;
using Actors.Remote.Handshake;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>
/// The lane from this system to one peer: user messages are serialized by the serializer Akka would
/// choose, written into the lane's ring and read on the other side straight into their recipients'
/// mailboxes.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Until the lane is open every message takes the classic path, under the lane's lock; the lane
/// opens under the same lock by sending its barrier (<see cref="LaneOpened"/>) the classic way. So
/// for any sender and receiver, what went the classic way before is delivered before what follows on
/// the lane.</item>
/// <item>Writers serialize on their own threads and only copy into the ring under the lock. While the
/// ring is full, messages wait in a queue of at most <c>pending-limit</c>; beyond that they go to dead
/// letters with a warning. Memory never grows without bound.</item>
/// <item>When the peer process ends, the control socket ends, the lane closes (its segment unmapped)
/// and later messages take the classic path again until a new lane opens.</item>
/// </list>
/// </remarks>
internal sealed class OutboundLane
{
    // Recipients and senders known to the peer by number; the table restarts when it is this full.
    private const int MaximumDefinitions = 4096;
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainPause = TimeSpan.FromMilliseconds(1);

    private readonly LaneHub _hub;
    private readonly Address _remote;
    private readonly Lock _gate = new();
    // By reference: an actor's own reference (Self, a lane ref) is one object, and an ActorPath's hash walks the whole
    // path on every message. Two references to one actor just get two numbers.
    private readonly Dictionary<IActorRef, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<byte[]> _pending = new();

    // Guarded by _gate; read without it only to take the open lane's fast path.
    private volatile LaneState _state = LaneState.Closed;
    private SharedSegment? _segment;
    private Socket? _control;
    private long _retryAt;
    private bool _draining;
    private long _overflowed;
    private long _sent;

    // True when the provider's serialization address is the lane's own (shm the only transport, as in lane.conf):
    // messages are then serialized through Akka's cached transport information, without a closure per message.
    private bool _providerAddressIsOurs;

    public OutboundLane(LaneHub hub, Address remote)
    {
        _hub = hub;
        _remote = remote;
    }

    private enum LaneState
    {
        Closed,
        Opening,
        Open,
    }

    /// <summary>Messages that took the lane (written or held for it).</summary>
    public long SentCount => Interlocked.Read(ref _sent);

    /// <summary>Messages that went to dead letters because the ring and the pending queue were full.</summary>
    public long OverflowCount => Interlocked.Read(ref _overflowed);

    /// <summary>True while messages take the lane.</summary>
    public bool IsOpen => _state == LaneState.Open;

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
        lock (_gate)
        {
            if (_segment is null)
            {
                _state = LaneState.Closed;
                return;
            }

            _hub.Log.Info("fast lane to {0} closed: {1}", _remote, reason);
            _state = LaneState.Closed;
            _ids.Clear();
            if (_pending.Count > 0)
            {
                _hub.Log.Warning("fast lane to {0}: {1} message(s) waiting for room were not delivered", _remote, _pending.Count);
                _pending.Clear();
            }

            try
            {
                _control?.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // The peer is gone already.
            }

            _control?.Dispose();
            _segment.Dispose();
            _segment = null;
            _control = null;
        }
    }

    private void SendOnLane(LaneActorRef target, object message, IActorRef sender)
    {
        if (!TrySerialize(message, out var serializerId, out var manifest, out var payload))
        {
            return;
        }

        var length = LaneRecords.MessageHeaderLength + manifest.Length + payload.Length;
        if (length > _hub.Settings.MaximumMessageBytes)
        {
            _hub.Log.Error(
                "Discarding oversized payload sent to {0}: max allowed size {1} bytes (an eighth of {2}.ring-size), actual size of encoded {3} was {4} bytes.",
                target, _hub.Settings.MaximumMessageBytes, LaneSettings.ConfigPath, message.GetType(), length);
            return;
        }

        lock (_gate)
        {
            if (_state != LaneState.Open || !_segment!.Enter())
            {
                // Closed between our look and the lock: the peer is going; the classic path decides.
                target.TellClassic(message, sender);
                return;
            }

            try
            {
                _sent++;
                var recipientId = Intern(target);
                var senderId = sender is null || sender.IsNobody() ? LaneRecords.NoSender : Intern(sender);
                if (_pending.Count == 0 && _segment.Outbound.TryClaim(length, out var record))
                {
                    LaneRecords.WriteMessage(record, recipientId, senderId, serializerId, manifest, payload);
                    _segment.Outbound.Commit();
                }
                else
                {
                    var copy = new byte[length];
                    LaneRecords.WriteMessage(copy, recipientId, senderId, serializerId, manifest, payload);
                    Hold(copy, message, sender, target);
                }

                _segment.Outbound.WakeConsumer();
            }
            finally
            {
                _segment.Exit();
            }
        }
    }

    private bool TrySerialize(object message, out int serializerId, out byte[] manifest, out byte[] payload)
    {
        try
        {
            var serializer = _hub.System.Serialization.FindSerializerFor(message);
            serializerId = serializer.Identifier;
            // With our address as the transport's, so actor references inside the message carry it.
            payload = _providerAddressIsOurs
                ? Akka.Serialization.Serialization.WithTransport(_hub.System, (serializer, message), static state => state.serializer.ToBinary(state.message))
                : serializer.ToBinaryWithAddress(_hub.LocalAddress, message);
            var manifestText = Akka.Serialization.Serialization.ManifestFor(serializer, message);
            manifest = manifestText.Length == 0 ? [] : Encoding.UTF8.GetBytes(manifestText);
            if (manifest.Length > LaneRecords.MaximumManifestBytes)
            {
                throw new InvalidOperationException($"its manifest is {manifest.Length} bytes long; at most {LaneRecords.MaximumManifestBytes} fit");
            }

            return true;
        }
        catch (Exception e)
        {
            // As Akka.Remote does: the message is dropped, the association (here the lane) lives on.
            _hub.Log.Error(e, "Failed to serialize remote message [{0}] for the fast lane to {1}; the message is dropped and the lane remains open", message.GetType(), _remote);
            serializerId = 0;
            manifest = [];
            payload = [];
            return false;
        }
    }

    /// <summary>The peer's number for <paramref name="actor"/>, defining it first if the peer does not know it yet.</summary>
    private int Intern(IActorRef actor)
    {
        if (_ids.TryGetValue(actor, out var id))
        {
            return id;
        }

        if (_ids.Count >= MaximumDefinitions)
        {
            _ids.Clear();
        }

        id = _ids.Count;
        _ids[actor] = id;
        var path = actor.Path.Address.HasLocalScope
            ? actor.Path.ToSerializationFormatWithAddress(_hub.LocalAddress)
            : actor.Path.ToSerializationFormat();
        var length = LaneRecords.DefinitionLength(path);
        if (_pending.Count == 0 && _segment!.Outbound.TryClaim(length, out var record))
        {
            LaneRecords.WriteDefinition(record, id, path);
            _segment.Outbound.Commit();
        }
        else
        {
            var copy = new byte[length];
            LaneRecords.WriteDefinition(copy, id, path);
            // A definition is never dropped: the messages after it would name nobody.
            _pending.Enqueue(copy);
            StartDraining();
        }

        return id;
    }

    private void Hold(byte[] record, object message, IActorRef? sender, IActorRef target)
    {
        if (_pending.Count >= _hub.Settings.PendingLimit)
        {
            if (Interlocked.Increment(ref _overflowed) % 10_000 == 1)
            {
                _hub.Log.Warning(
                    "fast lane to {0} is full ({1}.pending-limit = {2} messages waiting): messages go to dead letters ({3} so far)",
                    _remote, LaneSettings.ConfigPath, _hub.Settings.PendingLimit, _overflowed);
            }

            _hub.System.DeadLetters.Tell(new DeadLetter(message, sender ?? ActorRefs.NoSender, target));
            return;
        }

        _pending.Enqueue(record);
        StartDraining();
    }

    private void StartDraining()
    {
        if (!_draining)
        {
            _draining = true;
            _ = Task.Run(DrainAsync);
        }
    }

    /// <summary>Moves held records into the ring as it drains, in order, until none are left.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            lock (_gate)
            {
                if (_segment is null || !_segment.Enter())
                {
                    _draining = false;
                    return;
                }

                try
                {
                    while (_pending.TryPeek(out var record) && _segment.Outbound.TryWrite(record))
                    {
                        _pending.Dequeue();
                    }

                    _segment.Outbound.WakeConsumer();
                    if (_pending.Count == 0)
                    {
                        _draining = false;
                        return;
                    }
                }
                finally
                {
                    _segment.Exit();
                }
            }

            await Task.Delay(DrainPause).ConfigureAwait(false);
        }
    }

    private async Task OpenAsync()
    {
        Socket? socket = null;
        SharedSegment? segment = null;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_hub.Stopping);
            deadline.CancelAfter(_hub.Settings.OpenTimeout);
            socket = await UnixSocketEndpoint.ConnectAsync(_hub.ControlSocketPath(_remote.Port!.Value), deadline.Token).ConfigureAwait(false);
            var control = new NetworkStream(socket, ownsSocket: false);
            await Handshaker.ExchangeAsync(control, _hub.Settings.OpenTimeout, deadline.Token, _hub.LocalAddress.ToString(), _hub.Security, HandshakeRole.Connecting).ConfigureAwait(false);
            segment = await SegmentRendezvous.OfferAsync(control, _hub.RingSettings, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            socket?.Dispose();
            segment?.Dispose();
            lock (_gate)
            {
                _state = LaneState.Closed;
                _retryAt = Environment.TickCount64 + (long)RetryAfterFailure.TotalMilliseconds;
            }

            _hub.Log.Info("no fast lane to {0} ({1}); messages take the classic path", _remote, e.Message);
            return;
        }

        var barrier = _hub.Provider.ResolveActorRef(new RootActorPath(_remote) / "system" / LaneBarrierActor.Name);
        var providerAddressIsOurs = _hub.Provider.SerializationInformation.Address.Equals(_hub.LocalAddress);
        lock (_gate)
        {
            _providerAddressIsOurs = providerAddressIsOurs;
            _segment = segment;
            _control = socket;
            // Everything sent the classic way so far is ahead of this barrier in the association.
            barrier.Tell(new LaneOpened(Path.GetFileName(segment.Path)));
            _state = LaneState.Open;
        }

        _hub.Log.Info("fast lane to {0} open", _remote);
        _ = WatchControlSocketAsync(socket);
    }

    private async Task WatchControlSocketAsync(Socket socket)
    {
        var buffer = new byte[1];
        try
        {
            await socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            Close("the peer closed it (its control socket ended)");
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Close($"its control socket failed: {e.Message}");
        }
    }
}
