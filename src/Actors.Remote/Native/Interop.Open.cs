using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>open(2) flags we use. Linux values; these are the same on x86-64 and arm64.</summary>
    internal static class OpenFlags
    {
        public const int ReadOnly = 0x0;
        public const int WriteOnly = 0x1;
        public const int ReadWrite = 0x2;
        public const int NonBlocking = 0x800;
        public const int CloseOnExec = 0x80000;
    }

    /// <summary>
    /// open(2) without <c>O_CREAT</c>: the variadic mode argument is never read, so it is not passed.
    /// Returns an int, not a SafeHandle: a failed call's -1 would be zero-extended into a "valid" handle.
    /// </summary>
    [LibraryImport(Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenNative(string path, int flags);

    /// <summary>Opens <paramref name="path"/>; on a FIFO pass <see cref="OpenFlags.NonBlocking"/> or the call may block.</summary>
    /// <param name="path">The file to open.</param>
    /// <param name="flags">A combination of <see cref="OpenFlags"/>.</param>
    /// <param name="handle">The open descriptor, owned by the caller; null on failure.</param>
    /// <returns>0, or the errno it failed with (ENXIO: a FIFO opened write-only that nobody reads).</returns>
    internal static int TryOpen(string path, int flags, out SafePipeHandle? handle)
    {
        var (fd, errno) = RetryOnInterrupt((path, flags), static s => OpenNative(s.path, s.flags));
        handle = errno == 0 ? new SafePipeHandle(fd, ownsHandle: true) : null;
        return errno;
    }

    /// <summary>Opens <paramref name="path"/> or throws the errno's <see cref="IOException"/>.</summary>
    internal static SafePipeHandle Open(string path, int flags)
    {
        var errno = TryOpen(path, flags, out var handle);
        return handle ?? throw ErrnoException("open", path, errno);
    }
}
