using System.Net.Sockets;
using System.Text;
using Actors.Remote.SharedMemory;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>
/// A lane a peer opened into this system: a thread of its own waits on the ring, and for each message
/// resolves the recipient (once per actor, then from a table), deserializes the payload with the
/// serializer the sender named and tells the recipient with the right sender.
/// </summary>
/// <remarks>
/// Nothing is read before the lane's barrier has arrived by the classic path (see <see cref="LaneOpened"/>).
/// A message for an actor that does not exist goes to dead letters, as over Akka.Remote; one that cannot
/// be deserialized is logged and dropped, and the lane lives on. A record that breaks the format
/// closes the lane: nothing after it can be trusted.
/// </remarks>
internal sealed class InboundLane
{
    private static readonly TimeSpan ParkTimeout = TimeSpan.FromMilliseconds(100);

    // Messages read and deserialized before any is told. A recipient then finds a run of messages in
    // its mailbox rather than one at a time, so it is scheduled onto a thread once per run instead of
    // once per message; a few dozen records are a few microseconds of reading.
    private const int BatchLimit = 64;

    private readonly LaneHub _hub;
    private readonly SharedSegment _segment;
    private readonly Socket _control;
    private readonly string _peer;
    private readonly ManualResetEventSlim _released = new(false);
    private readonly Dictionary<int, Definition> _definitions = new();
    private readonly RingWaiter _waiter;
    private readonly RingConsumer.RecordHandler _handler;
    private readonly Func<bool> _closed;
    private readonly Delivery[] _batch = new Delivery[BatchLimit];
    private int _batched;
    private volatile bool _closing;

    public InboundLane(LaneHub hub, SharedSegment segment, Socket control, string peer)
    {
        _hub = hub;
        _segment = segment;
        _control = control;
        _peer = peer;
        Name = Path.GetFileName(segment.Path);
        _waiter = new RingWaiter(segment.Inbound, hub.Settings.WaitStrategy, ParkTimeout);
        _handler = Handle;
        _closed = () => _closing;
    }

    /// <summary>The lane's segment file name: what its barrier names.</summary>
    public string Name { get; }

    /// <summary>Starts the reading thread (held until <see cref="Release"/>) and the control socket's watch.</summary>
    public void Start()
    {
        new Thread(ReadLoop) { IsBackground = true, Name = $"lane-reader {_peer}" }.Start();
        _ = WatchControlSocketAsync();
    }

    /// <summary>The barrier has arrived: messages may flow.</summary>
    public void Release() => _released.Set();

    /// <summary>Stops reading (after what is already in the ring) and ends the lane.</summary>
    public void Close()
    {
        _closing = true;
        _released.Set();
        if (_segment.Enter())
        {
            try
            {
                _segment.Inbound.WakeWaiters();
            }
            finally
            {
                _segment.Exit();
            }
        }
    }

    private void ReadLoop()
    {
        try
        {
            _released.Wait(_hub.Stopping);
            while (_segment.Enter())
            {
                try
                {
                    // Look at the end first: what the peer wrote before it ended is then read too.
                    var ending = _closing;
                    try
                    {
                        _segment.Inbound.Read(_handler, BatchLimit);
                    }
                    finally
                    {
                        // Also when a bad record ends the lane: what was read before it is delivered.
                        TellBatch();
                    }

                    if (ending && !_segment.Inbound.HasRecords)
                    {
                        return;
                    }

                    _waiter.WaitForRecords(_closed);
                }
                finally
                {
                    _segment.Exit();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The system is stopping.
        }
        catch (Exception e)
        {
            _hub.Log.Error(e, "fast lane from {0}: dropping the lane", _peer);
        }
        finally
        {
            End();
        }
    }

    private void Handle(ReadOnlySpan<byte> record)
    {
        switch (record.IsEmpty ? (byte)0 : record[0])
        {
            case LaneRecords.DefinitionKind when LaneRecords.TryReadDefinition(record, out var id, out var path):
                _definitions[id] = new Definition(path);
                return;
            case LaneRecords.MessageKind when new LaneRecords.Message(record) is { IsWellFormed: true } message:
                Deliver(message);
                return;
            default:
                throw new RingCorruptedException($"a lane record of kind {(record.IsEmpty ? "(empty)" : record[0])} and {record.Length} bytes is not one we write");
        }
    }

    private void Deliver(LaneRecords.Message record)
    {
        var recipient = Resolve(record.Recipient);
        var sender = record.Sender == LaneRecords.NoSender ? ActorRefs.NoSender : Resolve(record.Sender);
        object message;
        try
        {
            var manifest = record.ManifestLength == 0 ? string.Empty : Encoding.UTF8.GetString(record.Manifest);
            message = _hub.System.Serialization.Deserialize(record.Payload.ToArray(), record.SerializerId, manifest);
        }
        catch (Exception e)
        {
            _hub.Log.Error(e, "fast lane from {0}: could not deserialize a message for {1} (serializer {2}); it is dropped and the lane remains open", _peer, recipient, record.SerializerId);
            return;
        }

        _batch[_batched++] = new Delivery(recipient, message, sender);
    }

    private void TellBatch()
    {
        for (var i = 0; i < _batched; i++)
        {
            ref var delivery = ref _batch[i];
            delivery.Recipient.Tell(delivery.Message, delivery.Sender);
            delivery = default;
        }

        _batched = 0;
    }

    private IActorRef Resolve(int id)
    {
        if (!_definitions.TryGetValue(id, out var definition))
        {
            throw new RingCorruptedException($"a lane message names actor number {id}, which was never defined");
        }

        // Our own actors resolve to local references (dead letters when gone); the peer's to lane references.
        return definition.Resolved ??= _hub.Provider.ResolveActorRefWithLocalAddress(definition.Path, _hub.LocalAddress);
    }

    private async Task WatchControlSocketAsync()
    {
        var buffer = new byte[1];
        try
        {
            await _control.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer is gone either way.
        }

        Close();
    }

    private void End()
    {
        _hub.Forget(this);
        try
        {
            _control.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The peer is gone already.
        }

        _control.Dispose();
        _segment.Dispose();
    }

    private readonly record struct Delivery(IActorRef Recipient, object Message, IActorRef? Sender);

    private sealed class Definition(string path)
    {
        public string Path { get; } = path;

        public IActorRef? Resolved { get; set; }
    }
}
