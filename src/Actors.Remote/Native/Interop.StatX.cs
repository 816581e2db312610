using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>The file-type bits of a mode (<c>S_IFMT</c>).</summary>
    internal const int FileTypeMask = 0xF000;

    /// <summary>The file type of a FIFO (<c>S_IFIFO</c>).</summary>
    internal const int FifoFileType = 0x1000;

    /// <summary>The file type of a directory (<c>S_IFDIR</c>).</summary>
    internal const int DirectoryFileType = 0x4000;

    /// <summary>The file type of a regular file (<c>S_IFREG</c>).</summary>
    internal const int RegularFileType = 0x8000;

    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatXTypeModeAndUid = 0x1 | 0x2 | 0x8;
    private const uint StatXTypeAndInode = 0x1 | 0x100;

    /// <summary><c>STATX_TYPE | STATX_MODE | STATX_UID | STATX_INO</c>: what tells one file from another, and whose it is.</summary>
    private const uint StatXIdentity = StatXTypeModeAndUid | StatXTypeAndInode;

    /// <summary><c>AT_EMPTY_PATH</c>: with an empty path, statx describes the open descriptor itself.</summary>
    private const int AtEmptyPath = 0x1000;

    /// <summary>
    /// The fields we read of <c>struct statx</c>, whose layout (256 bytes) is the same on every Linux
    /// architecture, unlike <c>struct stat</c>.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatXResult
    {
        /// <summary>The owner's user id (<c>stx_uid</c>).</summary>
        [FieldOffset(20)]
        public uint Uid;

        /// <summary>File type and permission bits (<c>stx_mode</c>).</summary>
        [FieldOffset(28)]
        public ushort Mode;

        /// <summary>The inode number (<c>stx_ino</c>).</summary>
        [FieldOffset(32)]
        public ulong Inode;

        /// <summary>The major number of the device the file lives on (<c>stx_dev_major</c>).</summary>
        [FieldOffset(136)]
        public uint DeviceMajor;

        /// <summary>The minor number of the device the file lives on (<c>stx_dev_minor</c>).</summary>
        [FieldOffset(140)]
        public uint DeviceMinor;

        /// <summary>True for a FIFO.</summary>
        public readonly bool IsFifo => (Mode & FileTypeMask) == FifoFileType;

        /// <summary>True for a directory (never for a symbolic link to one: statx here does not follow links).</summary>
        public readonly bool IsDirectory => (Mode & FileTypeMask) == DirectoryFileType;

        /// <summary>True for a regular file (not a link, a device, a FIFO or a directory).</summary>
        public readonly bool IsRegularFile => (Mode & FileTypeMask) == RegularFileType;

        /// <summary>The permission bits.</summary>
        public readonly UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

        /// <summary>True when both describe the same file: same device, same inode.</summary>
        public readonly bool IsSameFileAs(in StatXResult other) =>
            Inode == other.Inode && DeviceMajor == other.DeviceMajor && DeviceMinor == other.DeviceMinor;
    }

    /// <summary>statx(2) on the file itself (a symbolic link is not followed).</summary>
    [LibraryImport(Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatXNative(int directoryFd, string path, int flags, uint mask, out StatXResult result);

    /// <summary>statx(2) on an open descriptor itself (with <see cref="AtEmptyPath"/> and an empty path).</summary>
    [LibraryImport(Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatXDescriptorNative(SafeHandle file, string emptyPath, int flags, uint mask, out StatXResult result);

    /// <summary>
    /// The type and inode of what <paramref name="path"/> leads to (links followed, so <c>/proc/&lt;pid&gt;/fd/&lt;n&gt;</c>
    /// gives the open file itself, even unlinked); the errno on failure, 0 on success.
    /// </summary>
    internal static int TryStatXFollowingLinks(string path, out StatXResult result)
    {
        var found = default(StatXResult);
        var (_, errno) = RetryOnInterrupt(path, p => StatXNative(AtCurrentDirectory, p, 0, StatXTypeAndInode, out found));
        result = found;
        return errno;
    }

    /// <summary>The type, mode and owner of <paramref name="path"/>, or the errno's <see cref="IOException"/>.</summary>
    internal static StatXResult StatX(string path)
    {
        var result = default(StatXResult);
        var (_, errno) = RetryOnInterrupt(path, p => StatXNative(AtCurrentDirectory, p, AtSymlinkNoFollow, StatXTypeModeAndUid, out result));
        return errno == 0 ? result : throw ErrnoException("statx", path, errno);
    }

    /// <summary>
    /// The type, mode, owner and inode of what <paramref name="path"/> names now (a link not followed); the
    /// errno on failure (ENOENT: nothing there), 0 on success. A loop of its own, no closure: callers poll it.
    /// </summary>
    internal static int TryStatXIdentity(string path, out StatXResult result)
    {
        int errno;
        do
        {
            errno = StatXNative(AtCurrentDirectory, path, AtSymlinkNoFollow, StatXIdentity, out result) == -1 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (errno == Errno.EINTR);

        return errno;
    }

    /// <summary>The type, mode, owner and inode of the open file <paramref name="file"/> itself, wherever its path has gone.</summary>
    /// <exception cref="IOException">statx failed; the message names <paramref name="pathForErrors"/>.</exception>
    internal static StatXResult StatXDescriptor(SafeHandle file, string pathForErrors)
    {
        int errno;
        StatXResult result;
        do
        {
            errno = StatXDescriptorNative(file, string.Empty, AtEmptyPath, StatXIdentity, out result) == -1 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (errno == Errno.EINTR);

        return errno == 0 ? result : throw ErrnoException("statx", pathForErrors, errno);
    }
}
