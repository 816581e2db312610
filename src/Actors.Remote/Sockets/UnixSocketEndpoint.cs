using System.Net.Sockets;
using Actors.Remote.Platform;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.Sockets;

/// <summary>
/// Binding and connecting Unix-domain sockets by path, for every transport that listens on one
/// (uds itself, and shared memory's control socket).
/// </summary>
internal static class UnixSocketEndpoint
{
    private const int ListenBacklog = 512;

    /// <summary>
    /// Binds <paramref name="path"/> (mode <paramref name="fileMode"/>, 0600 when null), reclaiming a file
    /// a crashed process left; null when a live listener holds it.
    /// </summary>
    public static SocketStreamListener? TryBind(string path, Address address, ILoggingAdapter log, UnixFileMode? fileMode = null)
    {
        if (File.Exists(path))
        {
            if (SocketFiles.IsLive(path))
            {
                return null;
            }

            SocketFiles.DeleteQuietly(path, log);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            RuntimeDirectory.SetFileMode(path, fileMode ?? RuntimeDirectory.FileMode);
            socket.Listen(ListenBacklog);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Another process bound the same path between our check and our bind.
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SocketStreamListener(socket, address, () => SocketFiles.DeleteQuietly(path, log));
    }

    /// <summary>Connects to the listener at <paramref name="path"/>.</summary>
    public static async Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
