using System.Net;
using System.Net.Sockets;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace Actors.Remote.Sockets;

/// <summary>
/// TCP sockets without DotNetty. Address: <c>akka.atcp://system@host:port</c>, where host and port are
/// where the listener is bound (or <c>public-hostname</c> when set); port 0 binds any free port.
/// </summary>
/// <remarks>
/// The scheme is <c>atcp</c> so that it never collides with Akka's own <c>akka.tcp</c>: a system can
/// run both side by side. TCP_NODELAY is always on.
/// </remarks>
internal sealed partial class TcpTransport : StreamTransport
{
    /// <summary>The raw scheme; addresses read <c>akka.atcp://...</c>.</summary>
    public const string Scheme = "atcp";

    /// <summary>Where the defaults of this transport sit in reference.conf.</summary>
    public const string ConfigPath = "akka.remote.actors.tcp";

    private const int ListenBacklog = 512;

    /// <summary>Creates the transport; Akka.Remote calls this with the system and the transport's HOCON section.</summary>
    public TcpTransport(ActorSystem system, Config config) : base(system, config, ConfigPath, Scheme)
    {
        Tls = TlsSettings.FromConfig(Reader, Config, ConfigPath);
    }

    /// <summary>TLS over every connection; null when <c>tls.enabled = off</c>.</summary>
    public TlsSettings? Tls { get; }

    /// <inheritdoc />
    protected override Task<Stream> SecureInboundAsync(Stream stream, CancellationToken cancellationToken) =>
        Tls is null ? Task.FromResult(stream) : TlsStreams.AcceptAsync(stream, Tls, cancellationToken);

    /// <inheritdoc />
    protected override async Task<IStreamListener> BindAsync(CancellationToken cancellationToken)
    {
        var bindHost = string.IsNullOrEmpty(StreamSettings.Hostname) ? IPAddress.Any.ToString() : StreamSettings.Hostname;
        var ip = await ResolveAsync(bindHost, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(ip, StreamSettings.Port));
            socket.Listen(ListenBacklog);
            RememberSocketDevice(socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"cannot listen: hostname={bindHost}, port={StreamSettings.Port}: {e.Message}", e);
        }

        if (!IPAddress.IsLoopback(ip) && Tls is null && !Security.RequiresSecret)
        {
            Log.Warning(
                "listening on {0}, reachable from other hosts, with neither TLS nor a shared secret: anyone who can reach the port can talk to this system",
                bindHost);
        }

        var boundPort = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var address = new Address(SchemeIdentifier, System.Name, AdvertisedHost(ip), boundPort);
        return new SocketStreamListener(socket, address);
    }

    /// <inheritdoc />
    protected override async Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken)
    {
        if (remoteAddress.Host is null || remoteAddress.Port is null)
        {
            throw new IOException($"address {remoteAddress} has no host or port");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            SocketOptions.Configure(socket);
            await socket.ConnectAsync(remoteAddress.Host, remoteAddress.Port.Value, cancellationToken).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: true);
            return Tls is null ? stream : await TlsStreams.ConnectAsync(stream, Tls, remoteAddress.Host, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private string AdvertisedHost(IPAddress boundIp)
    {
        if (!string.IsNullOrEmpty(StreamSettings.PublicHostname))
        {
            return StreamSettings.PublicHostname;
        }

        // A wildcard bind is reached at the machine's name, as DotNetty does.
        return boundIp.Equals(IPAddress.Any) || boundIp.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : StreamSettings.Hostname;
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var ip))
        {
            return ip;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new IOException($"host name does not resolve: hostname={host}: {e.Message}", e);
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new IOException($"hostname {host} resolves to no address");
    }
}
