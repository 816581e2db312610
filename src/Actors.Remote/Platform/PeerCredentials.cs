using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Actors.Remote.Native;

namespace Actors.Remote.Platform;

/// <summary>
/// Who is at the other end of a Unix-domain socket, as the kernel recorded it at connect time
/// (<c>SO_PEERCRED</c>): a peer cannot lie about it.
/// </summary>
/// <param name="ProcessId">The peer's process id when it connected.</param>
/// <param name="UserId">The peer's effective user id.</param>
/// <param name="GroupId">The peer's effective group id.</param>
internal readonly record struct PeerCredentials(int ProcessId, uint UserId, uint GroupId)
{
    /// <summary>The credentials of the peer of <paramref name="socket"/>; null unless it is a connected Unix-domain socket on Linux.</summary>
    public static PeerCredentials? Of(Socket socket) =>
        socket.AddressFamily == AddressFamily.Unix ? Read(socket.SafeHandle) : null;

    /// <summary>
    /// The credentials of the peer behind <paramref name="stream"/>, or null when the stream carries none:
    /// TCP, anonymous pipes and FIFOs have no peer credentials (a FIFO's owner is checked where it is opened).
    /// </summary>
    /// <remarks>
    /// On Linux .NET builds every named pipe on a Unix-domain socket, and a <see cref="PipeStream"/>'s
    /// handle is that socket's descriptor, so a named pipe's peer is read like any socket's; an anonymous
    /// pipe's descriptor is a pipe, which the kernel answers with ENOTSOCK.
    /// </remarks>
    public static PeerCredentials? Of(Stream stream) => stream switch
    {
        NetworkStream network => Of(network.Socket),
        PipeStream pipe when pipe.IsConnected => Read(pipe.SafePipeHandle),
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => $"pid={ProcessId} uid={UserId} gid={GroupId}";

    private static PeerCredentials? Read(SafeHandle handle)
    {
        if (!OperatingSystem.IsLinux() || handle.IsInvalid || handle.IsClosed)
        {
            return null;
        }

        var errno = Interop.TryGetPeerCredentials(handle, out var credentials);
        return errno switch
        {
            0 => new PeerCredentials(credentials.Pid, credentials.Uid, credentials.Gid),
            Interop.ENotSock => null,
            _ => throw Interop.ErrnoException("getsockopt(SO_PEERCRED)", $"fd={handle.DangerousGetHandle()}", errno),
        };
    }
}
