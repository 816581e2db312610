using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>
    /// The fields we read of glibc's <c>struct statvfs</c> on 64-bit Linux (x86-64 and arm64: eleven
    /// 8-byte fields, then six ints; 112 bytes). The struct is larger than that, to be safe.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    internal struct StatVfsResult
    {
        /// <summary>The fragment size, the unit of the block counts (<c>f_frsize</c>).</summary>
        [FieldOffset(8)]
        public ulong FragmentSize;

        /// <summary>Free blocks an unprivileged user may take (<c>f_bavail</c>).</summary>
        [FieldOffset(32)]
        public ulong AvailableBlocks;

        /// <summary>The bytes an unprivileged user may still allocate.</summary>
        public readonly ulong AvailableBytes => AvailableBlocks * FragmentSize;
    }

    [LibraryImport(Libc, EntryPoint = "statvfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatVfsNative(string path, out StatVfsResult result);

    /// <summary>statvfs(3) of the filesystem holding <paramref name="path"/>, or the errno's <see cref="IOException"/>.</summary>
    internal static StatVfsResult StatVfs(string path)
    {
        var result = default(StatVfsResult);
        var (_, errno) = RetryOnInterrupt(path, p => StatVfsNative(p, out result));
        return errno == 0 ? result : throw ErrnoException("statvfs", path, errno);
    }
}
