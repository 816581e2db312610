using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Actors.Coordination.Native;

internal static partial class Interop
{
    /// <summary>
    /// <c>O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC</c> (Linux values, the same on x86-64 and arm64): a
    /// lock file is created when missing, a symbolic link planted at its path is refused (ELOOP), and
    /// a child process does not inherit the descriptor (it would keep the lock alive past our death).
    /// </summary>
    private const int LockFileOpenFlags = 0x2 | 0x40 | 0x20000 | 0x80000;

    /// <summary>open(2) with a mode: the mode is a variadic argument, passed in a register as a fixed one is on x86-64 and arm64 Linux.</summary>
    [LibraryImport(Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenWithModeNative(string path, int flags, uint mode);

    /// <summary>Opens <paramref name="path"/> for locking, creating it with <paramref name="mode"/> (then narrowed by the umask).</summary>
    /// <exception cref="IOException">open failed; the message names the errno and the path.</exception>
    internal static SafeFileHandle OpenLockFile(string path, UnixFileMode mode)
    {
        var descriptor = -1;
        var errno = ErrnoUnlessInterrupted(() => descriptor = OpenWithModeNative(path, LockFileOpenFlags, (uint)mode));
        return errno == 0 ? new SafeFileHandle(descriptor, ownsHandle: true) : throw ErrnoException("open", path, errno);
    }
}
