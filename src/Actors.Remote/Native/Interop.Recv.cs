using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    [LibraryImport(Libc, EntryPoint = "recv", SetLastError = true)]
    private static unsafe partial nint RecvNative(SafeHandle socket, byte* buffer, nuint length, int flags);

    /// <summary>
    /// recv(2) with <c>MSG_DONTWAIT</c>: takes what has arrived, without waiting for more.
    /// </summary>
    /// <returns>The bytes received (0 at the end of the stream), -2 when nothing has arrived (EAGAIN), or -1 with <paramref name="errno"/> set.</returns>
    /// <exception cref="ObjectDisposedException">The socket was closed.</exception>
    internal static unsafe int ReceiveWithoutWaiting(SafeHandle socket, Span<byte> buffer, out int errno)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var received = RecvNative(socket, start, (nuint)buffer.Length, MsgDontWait);
                errno = received >= 0 ? 0 : Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    return received >= 0 ? (int)received : errno == Errno.EAGAIN ? -2 : -1;
                }
            }
        }
    }
}
