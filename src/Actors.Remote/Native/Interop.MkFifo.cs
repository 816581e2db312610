using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>mkfifo(3): creates a FIFO at <paramref name="path"/>; the umask still applies to <paramref name="mode"/>.</summary>
    [LibraryImport(Libc, EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MkFifoNative(string path, uint mode);

    /// <summary>Creates a FIFO at <paramref name="path"/> with at most <paramref name="mode"/>.</summary>
    /// <returns>0, or the errno it failed with (EEXIST when anything already has that name).</returns>
    internal static int TryMkFifo(string path, UnixFileMode mode) =>
        RetryOnInterrupt((path, mode), static s => MkFifoNative(s.path, (uint)s.mode)).Errno;
}
