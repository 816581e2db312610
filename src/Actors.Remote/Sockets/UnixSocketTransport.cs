using System.Net.Sockets;
using Actors.Remote.Platform;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Sockets;

/// <summary>
/// Unix-domain sockets between processes on one machine. Address: <c>akka.uds://system@host:port</c>,
/// where host is the machine's name and port a listener id naming the socket file
/// <c>uds-&lt;port&gt;.sock</c> in the per-user runtime directory; port 0 picks a free id.
/// </summary>
/// <remarks>
/// The socket file is mode 0600 inside a 0700 directory and is removed on shutdown. A file left by a
/// crashed process (nobody accepts on it) is removed by the peers that saw the process die, and else
/// reclaimed at the next start.
/// </remarks>
internal sealed class UnixSocketTransport : StreamTransport
{
    /// <summary>The raw scheme; addresses read <c>akka.uds://...</c>.</summary>
    public const string Scheme = "uds";

    /// <summary>Where the defaults of this transport sit in reference.conf.</summary>
    public const string ConfigPath = "akka.remote.actors.uds";

    /// <summary>Creates the transport; Akka.Remote calls this with the system and the transport's HOCON section.</summary>
    public UnixSocketTransport(ActorSystem system, Config config) : base(system, config, ConfigPath, Scheme)
    {
        SocketDirectory = RuntimeDirectory.Resolve(Reader.GetString("socket-directory"), Log);
        MachineHost = ThisMachine.HostName(StreamSettings.Hostname);
    }

    /// <summary>The directory holding the socket files.</summary>
    public string SocketDirectory { get; }

    /// <summary>The host written into addresses: this machine.</summary>
    public string MachineHost { get; }

    /// <summary>The socket file of listener <paramref name="id"/> in <paramref name="directory"/>.</summary>
    public static string SocketPath(string directory, int id) => Path.Combine(directory, $"uds-{id}.sock");

    /// <summary>The socket file of listener <paramref name="id"/> of this transport.</summary>
    public string SocketPath(int id) => SocketPath(SocketDirectory, id);

    /// <inheritdoc />
    protected override bool ConfirmsPeerDeath => true;

    /// <inheritdoc />
    protected override IEnumerable<string> ListenerFilesOf(Address peerAddress) => [SocketPath(peerAddress.Port!.Value)];

    /// <inheritdoc />
    protected override Task<IStreamListener> BindAsync(CancellationToken cancellationToken)
    {
        RuntimeDirectory.EnsureCreated(SocketDirectory);
        SocketFiles.ReclaimStale(SocketDirectory, "uds-*.sock", Log);
        return Task.FromResult<IStreamListener>(ListenerId.Bind(StreamSettings.Port, Bind, SocketDirectory));
    }

    /// <inheritdoc />
    protected override async Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken)
    {
        var id = ThisMachine.PortOf(remoteAddress, MachineHost, Scheme);
        var socket = await UnixSocketEndpoint.ConnectAsync(SocketPath(id), cancellationToken).ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private SocketStreamListener? Bind(int id) =>
        UnixSocketEndpoint.TryBind(SocketPath(id), new Address(SchemeIdentifier, System.Name, MachineHost, id), Log, Security.SocketFileMode);
}
