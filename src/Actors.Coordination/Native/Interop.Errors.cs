using System.Runtime.InteropServices;

namespace Actors.Coordination.Native;

internal static partial class Interop
{
    /// <summary>The errno values the lock code acts on. Linux numbers, the same on x86-64 and arm64.</summary>
    internal static class Errno
    {
        public const int EINTR = 4;
        public const int EAGAIN = 11;
        public const int EACCES = 13;
    }

    /// <summary>An <see cref="IOException"/> naming the call, the errno and the path, with the errno as its HResult.</summary>
    internal static IOException ErrnoException(string call, string path, int errno) =>
        new($"{call} failed: errno={errno} ({Marshal.GetPInvokeErrorMessage(errno)}): path={path}", errno);

    /// <summary>
    /// Calls <paramref name="call"/> until it does not fail with EINTR (a signal arrived during the call).
    /// </summary>
    /// <returns>0 on success, else the errno of the last failure.</returns>
    private static int ErrnoUnlessInterrupted(Func<int> call)
    {
        int errno;
        do
        {
            errno = call() == -1 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (errno == Errno.EINTR);

        return errno;
    }
}
