using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary><c>F_DUPFD_CLOEXEC</c> on Linux: duplicate to the lowest free descriptor, closed on exec.</summary>
    private const int FDupFdCloseOnExec = 1030;

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlNative(SafeHandle file, int command, int argument);

    /// <summary>fcntl(2) <c>F_DUPFD_CLOEXEC</c>: a new descriptor for the same open file, not inherited by children.</summary>
    /// <returns>The new descriptor (the caller closes it), or -1 and the errno (EMFILE: this process holds its limit).</returns>
    internal static (int Descriptor, int Errno) TryDuplicate(SafeHandle file) =>
        RetryOnInterrupt(file, static f => FcntlNative(f, FDupFdCloseOnExec, 0));
}
