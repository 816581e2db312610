using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Actors.Remote.Handshake;
using Actors.Remote.Platform;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Sockets;

/// <summary>
/// Kernel-confirmed death news for TCP peers on this machine. TCP has no SO_PEERCRED, but the kernel still knows
/// who is at the other end when it is in this network namespace: the other end is the socket whose own endpoint
/// is our connection's remote one and whose peer is our local one (<see cref="KernelTcpTable"/>), and the process
/// that holds it has that socket's inode among its descriptors (<c>/proc/&lt;pid&gt;/fd</c>), as a FIFO's holder does.
/// </summary>
/// <remarks>
/// <para>So the hello's pid is believed only when that process holds the other end of this very connection.
/// A peer on another host (or in another network namespace) is not in our table: its death is the failure
/// detector's, as before. A pid the kernel will not vouch for (another user's descriptors, or a peer in another
/// pid namespace, whose pid means another process here) gives no death news either; the connection is not
/// refused for it, since a peer of another pid namespace on the same network is not lying.</para>
/// <para>An inbound hello's address is believed when the listener at that address (a LISTEN socket of this
/// namespace on an address of this namespace) is held by the same process. Its host is an IP address, or this
/// machine's own name (what a wildcard listener advertises), which is looked up; any other name is not believed.</para>
/// </remarks>
internal sealed partial class TcpTransport
{
    // The device of the socket file system, from our own listener: a socket's identity is (device, inode).
    private (uint Major, uint Minor)? _socketDevice;

    /// <inheritdoc />
    protected override bool ConfirmsPeerDeath => OperatingSystem.IsLinux();

    /// <inheritdoc />
    protected override int? KernelPeerProcessId(Stream connection, TransportHello hello)
    {
        if (SocketOf(connection) is not { } socket || EndpointsOf(socket) is not { } endpoints)
        {
            return null;
        }

        var (local, remote) = endpoints;
        // The other end's own endpoint is our remote one, and its peer is us.
        ulong? peerInode;
        try
        {
            peerInode = KernelTcpTable.EstablishedInode(local: remote, remote: local);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (peerInode is not { } inode || OpenFileHolders.IdentityOfDescriptor(socket.Handle) is not { } ours)
        {
            return null;
        }

        if (OpenFileHolders.Holds(hello.ProcessId, (ours.Major, ours.Minor, inode)) == true)
        {
            return hello.ProcessId;
        }

        if (Log.IsDebugEnabled)
        {
            Log.Debug(
                "[{0}] the peer at {1} says it is pid {2}, which does not hold its end of the connection (or will not say): no death news for it",
                LocalAddress, remote, hello.ProcessId);
        }

        return null;
    }

    /// <inheritdoc />
    protected override async Task<bool> ListenerBelongsToAsync(Address claimed, int processId, CancellationToken cancellationToken)
    {
        if (claimed.Protocol != AkkaProtocol || claimed.Host is null || claimed.Port is not { } port || _socketDevice is not { } device)
        {
            return false;
        }

        // A name is looked up only when it is this machine's own (a wildcard listener advertises it): a peer's hello
        // does not get to make us ask DNS about names of its choosing.
        var ownName = string.Equals(claimed.Host, LocalAddress?.Host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(claimed.Host, "localhost", StringComparison.OrdinalIgnoreCase);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(claimed.Host, out var literal) ? [literal]
                : ownName ? await Dns.GetHostAddressesAsync(claimed.Host, cancellationToken).ConfigureAwait(false)
                : [];
        }
        catch (SocketException)
        {
            return false;
        }

        IReadOnlyList<KernelTcpSocket> listeners;
        try
        {
            listeners = KernelTcpTable.ListenersOn(port);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // Every listener a connection to the claimed address could reach must be that process's.
        foreach (var address in addresses.Select(KernelTcpSocket.Normalize))
        {
            var reached = listeners.Where(l => l.Local.Address.Equals(address) || (IsWildcard(l.Local.Address) && IsOfThisNamespace(address))).ToArray();
            if (reached.Length == 0 || reached.Any(l => OpenFileHolders.Holds(processId, (device.Major, device.Minor, l.Inode)) != true))
            {
                return false;
            }
        }

        return addresses.Length > 0;
    }

    /// <summary>Notes the socket file system's device from the listener just bound, for <see cref="ListenerBelongsToAsync"/>.</summary>
    private void RememberSocketDevice(Socket listener)
    {
        if (OperatingSystem.IsLinux() && OpenFileHolders.IdentityOfDescriptor(listener.Handle) is { } identity)
        {
            _socketDevice = (identity.Major, identity.Minor);
        }
    }

    /// <summary>The TCP socket under <paramref name="connection"/>, through TLS when there is TLS.</summary>
    private static Socket? SocketOf(Stream connection) => connection switch
    {
        NetworkStream network => network.Socket,
        SocketSslStream tls => SocketOf(tls.Inner),
        _ => null,
    };

    private static (IPEndPoint Local, IPEndPoint Remote)? EndpointsOf(Socket socket)
    {
        try
        {
            return socket is { LocalEndPoint: IPEndPoint local, RemoteEndPoint: IPEndPoint remote } ? (local, remote) : null;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    /// <summary>True for loopback and for the addresses of this namespace's interfaces: where a wildcard listener of ours is reached.</summary>
    private static bool IsOfThisNamespace(IPAddress address) =>
        IPAddress.IsLoopback(address)
        || NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Any(u => KernelTcpSocket.Normalize(u.Address).Equals(address));
}
