using System.Net;

namespace Actors.Remote.Sockets;

/// <summary>
/// The TCP sockets of this process's network namespace, as the kernel lists them in <c>/proc/net/tcp</c> and
/// <c>/proc/net/tcp6</c> (<c>/proc/net</c> is the reading thread's namespace). A peer on another host, or in
/// another container with its own network namespace, is not in it.
/// </summary>
/// <remarks>Read once per association, never per message: a busy host lists thousands of sockets.</remarks>
internal static class KernelTcpTable
{
    private static readonly string[] s_tables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>
    /// The inode of the established socket whose own endpoint is <paramref name="local"/> and whose peer is
    /// <paramref name="remote"/> (both normalised, see <see cref="KernelTcpSocket.Normalize(IPEndPoint)"/>);
    /// null when this namespace holds none, or none that a process holds.
    /// </summary>
    public static ulong? EstablishedInode(IPEndPoint local, IPEndPoint remote)
    {
        var (wantedLocal, wantedRemote) = (KernelTcpSocket.Normalize(local), KernelTcpSocket.Normalize(remote));
        foreach (var socket in Sockets())
        {
            if (socket.State == KernelTcpSocket.Established && socket.Inode != 0
                && socket.Local.Equals(wantedLocal) && socket.Remote.Equals(wantedRemote))
            {
                return socket.Inode;
            }
        }

        return null;
    }

    /// <summary>The listening sockets on <paramref name="port"/>, on whichever address (the wildcard included).</summary>
    public static IReadOnlyList<KernelTcpSocket> ListenersOn(int port) =>
        Sockets().Where(s => s.State == KernelTcpSocket.Listen && s.Local.Port == port && s.Inode != 0).ToArray();

    private static IEnumerable<KernelTcpSocket> Sockets()
    {
        foreach (var table in s_tables)
        {
            IEnumerable<string> lines;
            try
            {
                // No tcp6 without IPv6, no /proc at all outside Linux: nothing to list then.
                lines = File.Exists(table) ? File.ReadLines(table) : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var line in lines)
            {
                if (KernelTcpSocket.TryParse(line, out var socket))
                {
                    yield return socket;
                }
            }
        }
    }
}
