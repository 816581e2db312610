using System.Runtime.InteropServices;

namespace Actors.Coordination.Native;

internal static partial class Interop
{
    /// <summary>fcntl(2) commands of open-file-description locks (Linux 3.15+; the same numbers on x86-64 and arm64).</summary>
    internal static class OfdLockCommand
    {
        /// <summary><c>F_OFD_GETLK</c>: which lock, if any, would conflict with the one described.</summary>
        public const int Get = 36;

        /// <summary><c>F_OFD_SETLK</c>: take or release a lock, failing with EAGAIN at once when it conflicts.</summary>
        public const int Set = 37;

        /// <summary><c>F_OFD_SETLKW</c>: as Set, but wait while it conflicts.</summary>
        public const int SetWait = 38;
    }

    /// <summary>Lock types of <c>struct flock</c>'s <c>l_type</c>.</summary>
    internal static class LockType
    {
        public const short Read = 0;
        public const short Write = 1;
        public const short Unlock = 2;
    }

    /// <summary>
    /// <c>struct flock</c> on x86-64 and arm64 Linux (the same layout: both use 64-bit <c>off_t</c>):
    /// <code>
    ///  0  short l_type     F_RDLCK, F_WRLCK, F_UNLCK
    ///  2  short l_whence   SEEK_SET here: l_start is from the start of the file
    ///  8  long  l_start    first byte
    /// 16  long  l_len      byte count (0 would mean "to the end of the file, however long")
    /// 24  int   l_pid      0 on input for OFD locks (else EINVAL); -1 on output of a conflicting OFD lock
    /// 32                   size (4 bytes of tail padding)
    /// </code>
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = FileLockDescriptionLength)]
    internal struct FileLockDescription
    {
        public const int FileLockDescriptionLength = 32;
        public const int TypeOffset = 0;
        public const int WhenceOffset = 2;
        public const int StartOffset = 8;
        public const int LengthOffset = 16;
        public const int ProcessIdOffset = 24;

        [FieldOffset(TypeOffset)]
        public short Type;

        [FieldOffset(WhenceOffset)]
        public short Whence;

        [FieldOffset(StartOffset)]
        public long Start;

        [FieldOffset(LengthOffset)]
        public long Length;

        [FieldOffset(ProcessIdOffset)]
        public int ProcessId;

        /// <summary>A lock of <paramref name="type"/> on the one byte at <paramref name="byteOffset"/>.</summary>
        public static FileLockDescription OneByte(short type, long byteOffset) =>
            new() { Type = type, Whence = 0, Start = byteOffset, Length = 1, ProcessId = 0 };
    }

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlLockNative(SafeHandle file, int command, ref FileLockDescription description);

    /// <summary>fcntl(2) with an OFD lock command; EINTR retried (a loop of its own: no closure on this hot path).</summary>
    /// <returns>0, or the errno (EAGAIN or EACCES: a conflicting lock is held by another open file description).</returns>
    internal static int FcntlOfdLock(SafeHandle file, int command, ref FileLockDescription description)
    {
        int errno;
        do
        {
            errno = FcntlLockNative(file, command, ref description) == -1 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (errno == Errno.EINTR);

        return errno;
    }
}
