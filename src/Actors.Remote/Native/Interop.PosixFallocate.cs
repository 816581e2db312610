using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>
    /// posix_fallocate(3): reserves the blocks of <c>[offset, offset + length)</c> and extends the file to
    /// cover them. It returns the error number itself (0 on success) and does not set errno.
    /// </summary>
    [LibraryImport(Libc, EntryPoint = "posix_fallocate", SetLastError = true)]
    private static partial int PosixFallocateNative(SafeHandle file, long offset, long length);

    /// <summary>Reserves the first <paramref name="length"/> bytes of <paramref name="file"/> on its filesystem.</summary>
    /// <returns>0, or the error number (ENOSPC: the filesystem is full; EOPNOTSUPP: it cannot reserve blocks).</returns>
    internal static int TryPosixFallocate(SafeHandle file, long length)
    {
        while (true)
        {
            var result = PosixFallocateNative(file, 0, length);
            if (result != Errno.EINTR)
            {
                return result;
            }
        }
    }
}
