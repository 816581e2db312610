using System.Net.Sockets;
using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Actors.Remote.Platform;
using Actors.Remote.Sockets;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// Shared memory between processes on one machine. Address: <c>akka.shm://system@host:port</c>,
/// where host is the machine's name and port a listener id naming the control socket
/// <c>shm-&lt;port&gt;.sock</c> in the per-user runtime directory; port 0 picks a free id.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A connecting side reaches the listener's control socket, exchanges the hello on it, then
/// creates the association's segment (two rings) and names it; the listener maps it. From then on
/// every Akka byte crosses the rings; the control socket stays open only so that its end tells
/// either side at once that the other process is gone.</item>
/// <item>Segment files live under <c>/dev/shm</c>, mode 0600, and are unlinked as soon as both sides
/// have mapped them; a file left by a process killed in between is reclaimed at the next start.</item>
/// </list>
/// </remarks>
internal sealed class SharedMemoryTransport : StreamTransport
{
    /// <summary>The raw scheme; addresses read <c>akka.shm://...</c>.</summary>
    public const string Scheme = "shm";

    /// <summary>Where the defaults of this transport sit in reference.conf.</summary>
    public const string ConfigPath = "akka.remote.actors.shm";

    /// <summary>Creates the transport; Akka.Remote calls this with the system and the transport's HOCON section.</summary>
    public SharedMemoryTransport(ActorSystem system, Config config) : base(system, config, ConfigPath, Scheme)
    {
        SocketDirectory = RuntimeDirectory.Resolve(Reader.GetString("socket-directory"), Log);
        MachineHost = ThisMachine.HostName(StreamSettings.Hostname);
        Settings = SharedMemorySettings.FromConfig(Reader);
    }

    /// <summary>The directory holding the control sockets.</summary>
    public string SocketDirectory { get; }

    /// <summary>The host written into addresses: this machine.</summary>
    public string MachineHost { get; }

    /// <summary>The shared-memory settings: ring size, wait strategy, heartbeat.</summary>
    public SharedMemorySettings Settings { get; }

    /// <summary>The control socket of listener <paramref name="id"/> in <paramref name="directory"/>.</summary>
    public static string ControlSocketPath(string directory, int id) => Path.Combine(directory, $"shm-{id}.sock");

    /// <inheritdoc />
    protected override bool ConfirmsPeerDeath => true;

    /// <inheritdoc />
    protected override IEnumerable<string> ListenerFilesOf(Address peerAddress) => [ControlSocketPath(SocketDirectory, peerAddress.Port!.Value)];

    /// <inheritdoc />
    protected override Task<IStreamListener> BindAsync(CancellationToken cancellationToken)
    {
        RuntimeDirectory.EnsureCreated(SocketDirectory);
        SocketFiles.ReclaimStale(SocketDirectory, "shm-*.sock", Log);
        SegmentFiles.ReclaimStale(Settings.SegmentDirectory, Log);
        return Task.FromResult<IStreamListener>(ListenerId.Bind(
            StreamSettings.Port,
            id => UnixSocketEndpoint.TryBind(ControlSocketPath(SocketDirectory, id), new Address(SchemeIdentifier, System.Name, MachineHost, id), Log, Security.SocketFileMode),
            SocketDirectory));
    }

    /// <inheritdoc />
    protected override async Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken)
    {
        var id = ThisMachine.PortOf(remoteAddress, MachineHost, Scheme);
        var socket = await UnixSocketEndpoint.ConnectAsync(ControlSocketPath(SocketDirectory, id), cancellationToken).ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <inheritdoc />
    protected override async Task<Stream> EstablishAsync(Stream connection, TransportHello peer, bool outbound, CancellationToken cancellationToken)
    {
        var control = (NetworkStream)connection;
        var segment = outbound
            ? await SegmentRendezvous.OfferAsync(control, Settings, cancellationToken).ConfigureAwait(false)
            // Only segments of our own user are mapped: the control socket lives in a 0700 directory.
            : await SegmentRendezvous.AcceptAsync(control, Settings, Interop.GetEUid(), cancellationToken).ConfigureAwait(false);
        var direction = outbound ? "->" : "<-";
        return new SharedMemoryStream(segment, control.Socket, Settings, $"[shm {direction} pid {peer.ProcessId}]");
    }
}
