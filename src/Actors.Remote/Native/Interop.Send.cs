using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary><c>MSG_DONTWAIT</c> on Linux: this call does not block, whatever the descriptor's mode.</summary>
    private const int MsgDontWait = 0x40;

    /// <summary><c>MSG_NOSIGNAL</c> on Linux: a closed peer gives EPIPE, not SIGPIPE.</summary>
    private const int MsgNoSignal = 0x4000;

    [LibraryImport(Libc, EntryPoint = "send", SetLastError = true)]
    private static unsafe partial nint SendNative(SafeHandle socket, byte* buffer, nuint length, int flags);

    /// <summary>
    /// send(2) with <c>MSG_DONTWAIT</c>: writes what the socket takes now, without waiting for room.
    /// </summary>
    /// <returns>The bytes sent (0 when the socket is full: EAGAIN), or -1 with <paramref name="errno"/> set.</returns>
    /// <exception cref="ObjectDisposedException">The socket was closed.</exception>
    internal static unsafe int SendWithoutWaiting(SafeHandle socket, ReadOnlySpan<byte> bytes, out int errno)
    {
        fixed (byte* start = bytes)
        {
            while (true)
            {
                var sent = SendNative(socket, start, (nuint)bytes.Length, MsgDontWait | MsgNoSignal);
                if (sent >= 0)
                {
                    errno = 0;
                    return (int)sent;
                }

                errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EAGAIN)
                {
                    errno = 0;
                    return 0;
                }

                if (errno != Errno.EINTR)
                {
                    return -1;
                }
            }
        }
    }
}
