using Actors.Remote.DeathWatch;
using Actors.Remote.Diagnostics;
using Actors.Remote.Handshake;
using Actors.Remote.Platform;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Streams;

/// <summary>Whose death an association's end may announce: only what the kernel vouches for.</summary>
/// <remarks>
/// <para>A peer's hello says which process it is and at which address it listens; a peer could lie
/// about both, connect, close, and so have a live system declared dead (quarantined for good). So:</para>
/// <list type="number">
/// <item>The pid that death confirmation watches is the kernel's: SO_PEERCRED of the connection (uds,
/// named pipes on Linux, the shm control socket), the child's or parent's pid for an anonymous pipe, the
/// process that holds the connection's FIFO for a FIFO (see <see cref="Pipes.FifoTransport"/>), the process that
/// holds the other end of a TCP connection within this network namespace (see <see cref="Sockets.TcpTransport"/>).
/// A hello whose pid differs from the kernel's is refused (TCP: announces no death). A connection the kernel says
/// nothing about (a TCP peer on another host) announces no death.</item>
/// <item>The address its death is told under: on an outbound association, the address we dialed (the
/// listener we reached is that pid's, by SO_PEERCRED). On an inbound one the hello's address, but only
/// when the listener at that address belongs to the same pid: a fresh connection to its listener file
/// reads the listener's pid (SO_PEERCRED of a connection to a listening socket is the pid that called
/// listen; FIFOs: the pid holds the address's request FIFO; TCP: the pid holds the LISTEN socket at that address).
/// Anything else, and the association's end is left
/// to Akka's failure detector.</item>
/// </list>
/// </remarks>
internal abstract partial class StreamTransport
{
    /// <summary>
    /// The pid the kernel vouches for at the other end of <paramref name="connection"/> (before any
    /// wrapping, such as shared memory's rings); null when the kernel says nothing, and then no death
    /// is announced for this association. The default reads SO_PEERCRED.
    /// </summary>
    protected virtual int? KernelPeerProcessId(Stream connection, TransportHello hello)
    {
        try
        {
            return PeerCredentials.Of(connection)?.ProcessId;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the listener at <paramref name="claimed"/> (an <c>akka.</c> address) is held by process
    /// <paramref name="processId"/>. The default asks each of <see cref="ListenerFilesOf"/>'s socket
    /// files for its listener's pid; none (the address is not one of ours here) means false.
    /// </summary>
    protected virtual async Task<bool> ListenerBelongsToAsync(Address claimed, int processId, CancellationToken cancellationToken)
    {
        if (!IsLocalAddressOfThisScheme(claimed))
        {
            return false;
        }

        var files = ListenerFilesOf(claimed).ToArray();
        foreach (var path in files)
        {
            if (await SocketFiles.ListenerProcessIdAsync(path, cancellationToken).ConfigureAwait(false) != processId)
            {
                return false;
            }
        }

        return files.Length > 0;
    }

    /// <summary>True when <paramref name="claimed"/> has this transport's scheme, this machine's host and a port.</summary>
    protected bool IsLocalAddressOfThisScheme(Address claimed) =>
        claimed.Protocol == $"akka.{SchemeIdentifier}"
        && claimed.Port is not null
        && string.Equals(claimed.Host, LocalAddress?.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The peer's system name as its hello states it, when it is a valid actor system name; else
    /// "unknown" (a peer that does not listen says none). It only names the peer in log lines.
    /// </summary>
    private static string PeerSystemName(TransportHello hello) =>
        PeerAkkaAddress(hello) is { } claimed && IsValidSystemName(claimed.System) ? claimed.System : "unknown";

    // Akka's rule for actor system names: ASCII letters and digits, then also '-' and '_'.
    private static bool IsValidSystemName(string name) =>
        name.Length is > 0 and <= 128
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// Whose death this connection's end may announce, under which address; null when it may announce
    /// none. Throws a <see cref="HandshakeException"/> (the connection is refused) when the hello's pid
    /// is not the kernel's.
    /// </summary>
    /// <param name="connection">The connection the hello crossed.</param>
    /// <param name="hello">The peer's hello.</param>
    /// <param name="dialed">The address we connected to (raw scheme); null on an inbound connection.</param>
    private async Task<WatchedPeer?> VouchForPeerAsync(Stream connection, TransportHello hello, Address? dialed)
    {
        if (!ConfirmsPeerDeath)
        {
            return null;
        }

        var processId = KernelPeerProcessId(connection, hello);
        if (processId is not { } pid)
        {
            return null;
        }

        if (pid != hello.ProcessId)
        {
            throw new HandshakeException(
                $"the hello claims pid={hello.ProcessId}, but the kernel says the peer is pid={pid}: a peer that misstates its process is refused", reason: HandshakeRefusal.Pid);
        }

        if (dialed is not null)
        {
            return new WatchedPeer(Address.Parse(AkkaAddressOf(dialed)), pid);
        }

        if (PeerAkkaAddress(hello) is not { } claimed)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        deadline.CancelAfter(StreamSettings.HandshakeTimeout);
        bool belongs;
        try
        {
            belongs = await ListenerBelongsToAsync(claimed, pid, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested)
        {
            belongs = false;
        }

        if (belongs)
        {
            return new WatchedPeer(claimed, pid);
        }

        Log.Warning(
            "[{0}] peer pid {1} claims the address {2}, whose listener here is not that process's: its end will not be taken for that address's death",
            LocalAddress, pid, LogText.Escape(hello.ListenAddress));
        return null;
    }
}
