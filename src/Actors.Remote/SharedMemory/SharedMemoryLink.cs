using System.Net.Sockets;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// One shared-memory link between two processes, under the classic stream and the fast lane alike:
/// the mapped segment (a ring each way), the control connection that stays open for the link's life (a
/// Unix-domain socket, or for a lane moved into a ring, its stream transport's connection: TLS included), and
/// the heartbeats in the segment.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Death: nothing is ever sent on the control socket after the rendezvous, so its end (the peer
/// process exited, SIGKILL included) ends the link at once.</item>
/// <item>Hang: each side moves its heartbeat counter every heartbeat-interval; a peer whose counter
/// stands still for stale-peer-timeout (stopped, deadlocked) ends the link as an error.</item>
/// <item>The first reason to end wins and is reported once to the owner; readers waiting on the inbound
/// ring are woken so they see it. <see cref="Dispose"/> closes the control socket (the peer reads that
/// as our end) and unmaps the segment once no lease is held.</item>
/// </list>
/// </remarks>
internal sealed class SharedMemoryLink : IDisposable
{
    private readonly Stream _control;
    private readonly Socket? _socket;
    private readonly SharedMemorySettings _settings;
    private readonly Action<LinkEnd> _ended;
    private readonly Timer _heartbeat;
    private LinkEnd? _end;
    private int _disposed;
    private long _lastPeerBeat;
    private long _peerStillSince = Environment.TickCount64;

    /// <param name="segment">The mapped segment; the link owns it.</param>
    /// <param name="control">The control socket of the rendezvous; the link owns it.</param>
    /// <param name="settings">The heartbeat interval and stale-peer timeout.</param>
    /// <param name="ended">Told once, on any thread, why the link ended.</param>
    public SharedMemoryLink(SharedSegment segment, Socket control, SharedMemorySettings settings, Action<LinkEnd> ended)
        : this(segment, new NetworkStream(control, ownsSocket: true), control, settings, ended)
    {
    }

    /// <param name="segment">The mapped segment; the link owns it.</param>
    /// <param name="control">The connection of the rendezvous (any stream: TLS is not a bare socket); the link owns it.</param>
    /// <param name="settings">The heartbeat interval and stale-peer timeout.</param>
    /// <param name="ended">Told once, on any thread, why the link ended.</param>
    public SharedMemoryLink(SharedSegment segment, Stream control, SharedMemorySettings settings, Action<LinkEnd> ended)
        : this(segment, control, socket: null, settings, ended)
    {
    }

    private SharedMemoryLink(SharedSegment segment, Stream control, Socket? socket, SharedMemorySettings settings, Action<LinkEnd> ended)
    {
        Segment = segment;
        _control = control;
        _socket = socket;
        _settings = settings;
        _ended = ended;
        _lastPeerBeat = segment.PeerHeartbeat;
        _heartbeat = new Timer(_ => CheckHeartbeat(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The segment: its rings and header.</summary>
    public SharedSegment Segment { get; }

    /// <summary>Why the link ended; null while it is up.</summary>
    public LinkEnd? End => Volatile.Read(ref _end);

    /// <summary>True once the link has ended, for any reason.</summary>
    public bool HasEnded => End is not null;

    /// <summary>A lease on <paramref name="link"/>'s memory; not held when there is no link or it is disposed.</summary>
    public static SegmentLease Lease(SharedMemoryLink? link) => link is null ? default : link.Segment.Lease();

    /// <summary>Starts watching the control socket and the peer's heartbeat.</summary>
    public void Start()
    {
        _heartbeat.Change(_settings.HeartbeatInterval, _settings.HeartbeatInterval);
        _ = WatchControlSocketAsync();
    }

    /// <summary>Wakes the peer's reader if it sleeps waiting for our records.</summary>
    public void WakePeer()
    {
        using var lease = Segment.Lease();
        if (lease.IsHeld)
        {
            Segment.Outbound.WakeConsumer();
        }
    }

    /// <summary>Ends the link for <paramref name="reason"/> (the first reason wins) and wakes our readers.</summary>
    public void Finish(string reason, bool isError)
    {
        var end = new LinkEnd(reason, isError);
        if (Interlocked.CompareExchange(ref _end, end, null) is not null)
        {
            return;
        }

        using (var lease = Segment.Lease())
        {
            if (lease.IsHeld)
            {
                Segment.Inbound.WakeWaiters();
            }
        }

        _ended(end);
    }

    /// <summary>Ends the link on this side: the peer sees the control socket close; the memory goes once no lease holds it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Finish("the link was closed on this side", isError: false);
        _heartbeat.Dispose();
        try
        {
            // A shutdown reaches the peer even while another descriptor of the socket is open.
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer is gone already.
        }

        try
        {
            _control.Dispose();
        }
        catch (IOException)
        {
            // A TLS stream that says goodbye to a peer already gone.
        }

        Segment.Dispose();
    }

    private async Task WatchControlSocketAsync()
    {
        var buffer = new byte[1];
        try
        {
            // Nothing more is ever sent on the control socket: any return is its end.
            await _control.ReadAsync(buffer).ConfigureAwait(false);
            Finish("the peer closed the link (its control socket ended)", isError: false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Finish($"the peer's control socket failed: {e.Message}", isError: false);
        }
    }

    private void CheckHeartbeat()
    {
        using var lease = Segment.Lease();
        if (!lease.IsHeld)
        {
            return;
        }

        Segment.Beat();
        var beat = Segment.PeerHeartbeat;
        var now = Environment.TickCount64;
        if (beat != _lastPeerBeat)
        {
            _lastPeerBeat = beat;
            _peerStillSince = now;
        }
        else if (now - _peerStillSince > _settings.StalePeerTimeout.TotalMilliseconds)
        {
            Finish($"the peer's heartbeat stood still for more than stale-peer-timeout={_settings.StalePeerTimeout.TotalMilliseconds:0} ms (hung or stopped)", isError: true);
        }
    }
}
