using System.Runtime.InteropServices;

namespace Actors.Coordination.Native;

internal static partial class Interop
{
    /// <summary><c>S_IFMT</c> and <c>S_IFREG</c>: the file-type bits of a mode, and those of a regular file.</summary>
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;

    /// <summary><c>AT_EMPTY_PATH</c>: with an empty path, statx describes the open descriptor itself.</summary>
    private const int AtEmptyPath = 0x1000;

    /// <summary><c>STATX_TYPE | STATX_MODE | STATX_UID | STATX_INO</c>.</summary>
    private const uint StatXWanted = 0x1 | 0x2 | 0x8 | 0x100;

    /// <summary>The fields we read of <c>struct statx</c> (256 bytes, the same layout on every Linux architecture).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct FileIdentity
    {
        /// <summary><c>stx_uid</c>: the owner.</summary>
        [FieldOffset(20)]
        public uint Uid;

        /// <summary><c>stx_mode</c>: file type and permission bits.</summary>
        [FieldOffset(28)]
        public ushort Mode;

        /// <summary><c>stx_ino</c>.</summary>
        [FieldOffset(32)]
        public ulong Inode;

        /// <summary><c>stx_dev_major</c>.</summary>
        [FieldOffset(136)]
        public uint DeviceMajor;

        /// <summary><c>stx_dev_minor</c>.</summary>
        [FieldOffset(140)]
        public uint DeviceMinor;

        /// <summary>True for a regular file (not a link, a directory, a FIFO or a device).</summary>
        public readonly bool IsRegularFile => (Mode & FileTypeMask) == RegularFileType;

        /// <summary>The permission bits.</summary>
        public readonly UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

        /// <summary>True when both describe the same file: same device, same inode.</summary>
        public readonly bool IsSameFileAs(in FileIdentity other) =>
            Inode == other.Inode && DeviceMajor == other.DeviceMajor && DeviceMinor == other.DeviceMinor;
    }

    [LibraryImport(Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatXNative(int directoryFd, string path, int flags, uint mask, out FileIdentity result);

    [LibraryImport(Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatXDescriptorNative(SafeHandle file, string emptyPath, int flags, uint mask, out FileIdentity result);

    /// <summary>statx(2) of what <paramref name="path"/> names now, a link not followed; the errno (ENOENT: nothing there), 0 on success.</summary>
    /// <remarks>Before every try to acquire: a loop of its own, no closure.</remarks>
    internal static int TryStatXPath(string path, out FileIdentity identity)
    {
        int errno;
        do
        {
            errno = StatXNative(AtCurrentDirectory, path, AtSymlinkNoFollow, StatXWanted, out identity) == -1 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (errno == Errno.EINTR);

        return errno;
    }

    /// <summary>statx(2) of the open file <paramref name="file"/> itself, wherever its path has gone.</summary>
    /// <exception cref="IOException">statx failed.</exception>
    internal static FileIdentity StatXDescriptor(SafeHandle file, string pathForErrors)
    {
        var found = default(FileIdentity);
        var errno = ErrnoUnlessInterrupted(() => StatXDescriptorNative(file, string.Empty, AtEmptyPath, StatXWanted, out found));
        return errno == 0 ? found : throw ErrnoException("statx", pathForErrors, errno);
    }
}
