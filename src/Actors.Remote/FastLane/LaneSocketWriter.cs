using System.Net.Sockets;
using Actors.Remote.Native;

namespace Actors.Remote.FastLane;

/// <summary>
/// Writes to a lane connection's socket without waiting: what the socket takes now leaves with one send(2)
/// on the calling thread, and the rest is the caller's to hand on. Safe to call while the socket is being
/// closed: the call then fails instead of touching a descriptor that was reused.
/// </summary>
internal sealed class LaneSocketWriter
{
    private readonly Socket _socket;

    private LaneSocketWriter(Socket socket) => _socket = socket;

    /// <summary>A writer for <paramref name="connection"/> when it is a socket's stream (uds, atcp without TLS); else null.</summary>
    public static LaneSocketWriter? For(Stream connection) =>
        connection is NetworkStream network && OperatingSystem.IsLinux() ? new LaneSocketWriter(network.Socket) : null;

    /// <summary>Sends what the socket takes now of <paramref name="bytes"/>.</summary>
    /// <returns>The bytes sent: 0 when the socket's buffer is full.</returns>
    /// <exception cref="IOException">The connection failed (the peer closed it, or it was reset), or it was closed here.</exception>
    public int SendWithoutWaiting(ReadOnlySpan<byte> bytes)
    {
        int sent;
        int errno;
        try
        {
            sent = Interop.SendWithoutWaiting(_socket.SafeHandle, bytes, out errno);
        }
        catch (ObjectDisposedException e)
        {
            throw new IOException("writing to the lane connection failed: it was closed", e);
        }

        return sent >= 0
            ? sent
            : throw Interop.ErrnoException("send", "lane connection", errno);
    }
}
