using System.Security.Cryptography;
using Actors.Remote.Handshake;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>
/// Lanes over a stream transport (uds, named pipe, FIFO, anonymous pipe, atcp with or without TLS): each
/// lane is a connection of its own to the peer's listener, opened with the transport's hello marked as a
/// lane, then the lane's greeting (<see cref="LaneGreeting"/>) and the lane's name; then records flow as frames
/// (<see cref="LaneFrames"/>), one way. When both ends share this machine and user, the lane moves into a
/// shared-memory ring over the same connection instead (<see cref="RingUpgrade"/>).
/// </summary>
/// <remarks>
/// <code>
///  opener                                   acceptor (the transport's accept path)
///  transport hello (LaneFlag) [+ proof]  &lt;-&gt;  transport hello [+ proof]
///  int32 uid                             &lt;-&gt;  int32 uid            (quarantine checked on both sides)
///  16-byte lane name                      -&gt;                       (what the barrier names)
///  [machine identity, segment rendezvous] &lt;-&gt;  (both hellos carry RingLaneFlag: see RingUpgrade)
///                                         &lt;-   0x01             (the barrier arrived; both hellos carry ReleaseAckFlag)
///  [int32 length][record] ...             -&gt;                       (unless the lane moved into a ring)
/// </code>
/// </remarks>
internal sealed class StreamLaneCarrier : ILaneCarrier, ILaneConnectionAcceptor
{
    private const int NameLength = 16;

    // Each side's buffer takes a batch of at least this many bytes, so small records travel many per write.
    private const int MinimumBufferBytes = 256 * 1024;

    private readonly LaneHub _hub;
    private readonly StreamTransport _transport;

    // This process's machine identity when the lane offers rings; null when it does not (shared-memory = off, or the kernel does not say).
    private readonly MachineIdentity? _identity;

    public StreamLaneCarrier(LaneHub hub, StreamTransport transport)
    {
        _hub = hub;
        _transport = transport;
        _identity = hub.Settings.SharedMemory ? MachineIdentity.OfThisProcess() : null;
        // Every lane of this build reads a large-message channel, whatever its own threshold.
        HelloFlags = (ushort)(TransportHello.LargeChannelFlag | TransportHello.ReleaseAckFlag | (_identity is null ? 0 : TransportHello.RingLaneFlag));
        // A record the classic path would refuse for its size is refused on the lane too.
        MaximumRecordBytes = Math.Min(hub.Settings.MaximumMessageBytes, transport.StreamSettings.MaximumFrameSize);
    }

    public string TransportTag => _transport.SchemeIdentifier;

    public ushort HelloFlags { get; }

    public int MaximumRecordBytes { get; }

    private int BufferBytes => Math.Max(MinimumBufferBytes, MaximumRecordBytes + LaneFrames.HeaderLength);

    public async Task<(ILaneSendingLink Link, LanePeer Peer, bool TakesLargeChannel)> OpenAsync(Address remote, Action<string> ended, CancellationToken cancellationToken)
    {
        var (connection, peerHello) = await _transport.ConnectLaneAsync(remote, cancellationToken).ConfigureAwait(false);
        try
        {
            var peer = await _hub.GreetAsync(connection, remote, cancellationToken).ConfigureAwait(false);
            var name = RandomNumberGenerator.GetBytes(NameLength);
            await connection.WriteAsync(name, cancellationToken).ConfigureAwait(false);
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (_identity is { } identity && RingUpgrade.IsOffered(HelloFlags, peerHello))
            {
                var (segment, why) = await RingUpgrade.OfferAsync(connection, identity, _hub.RingSettings, cancellationToken).ConfigureAwait(false);
                if (segment is not null)
                {
                    return (new RingLaneLink(segment, connection, _hub.RingSettings, _hub.Settings.WaitStrategy, ended, MaximumRecordBytes), peer, peerHello.AcceptsLargeChannel);
                }

                _hub.Log.Info("fast lane to {0} stays on {1}, not shared memory: {2}", peer, TransportTag, why);
            }

            var sink = new StreamRecordSink(MaximumRecordBytes, BufferBytes);
            return (new StreamLaneSender(connection, Convert.ToHexString(name), TransportTag, sink, ended, _hub.Log, awaitsRelease: peerHello.AcknowledgesRelease), peer, peerHello.AcceptsLargeChannel);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task AcceptLaneAsync(Stream connection, TransportHello hello, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_hub.Settings.OpenTimeout);
        var peer = await _hub.GreetAsync(connection, LaneHub.AddressOf(hello), deadline.Token).ConfigureAwait(false);
        var name = new byte[NameLength];
        try
        {
            await connection.ReadExactlyAsync(name, deadline.Token).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new HandshakeException("the peer closed the lane connection before naming the lane", e, reason: HandshakeRefusal.Closed);
        }

        if (_identity is { } identity && RingUpgrade.IsOffered(HelloFlags, hello))
        {
            var (segment, why) = await RingUpgrade.AcceptAsync(connection, identity, _hub.RingSettings, deadline.Token).ConfigureAwait(false);
            if (segment is not null)
            {
                _hub.Admit(ended => new RingLaneLink(segment, connection, _hub.RingSettings, _hub.Settings.WaitStrategy, ended, MaximumRecordBytes), peer);
                return;
            }

            _hub.Log.Info("fast lane from {0} stays on {1}, not shared memory: {2}", peer, TransportTag, why);
        }

        _hub.Admit(_ => new StreamLaneReceiver(connection, Convert.ToHexString(name), TransportTag, MaximumRecordBytes, BufferBytes, acknowledgesRelease: hello.AcknowledgesRelease), peer);
    }
}
