using System.Globalization;
using Actors.Coordination.Native;
using Actors.Remote.Platform;
using Microsoft.Win32.SafeHandles;
using RemoteInterop = Actors.Remote.Native.Interop;

namespace Actors.Coordination;

/// <summary>
/// One open file description of a lock file, holding open-file-description locks (<c>F_OFD_SETLK</c>)
/// on single bytes of it: byte i is permit i. The kernel drops every such lock when the last
/// descriptor of the description is closed, which it does itself when the process dies, however it dies.
/// </summary>
/// <remarks>
/// OFD locks belong to the open file description, not to the process: two <see cref="LockFile"/>s of
/// one file in one process exclude each other as two processes do; one <see cref="LockFile"/> taking
/// a byte it already holds succeeds again (the caller keeps track of what it holds). They are
/// independent of <c>flock</c> locks and of classic POSIX record locks.
/// Not thread-safe: the owner serialises calls.
/// </remarks>
internal sealed class LockFile : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly RemoteInterop.StatXResult _identity;

    private LockFile(string path, SafeFileHandle file, RemoteInterop.StatXResult identity)
    {
        Path = path;
        _file = file;
        _identity = identity;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>This process's effective user id: the owner every lock file must have.</summary>
    internal static uint OwnUserId => RemoteInterop.GetEUid();

    /// <summary>
    /// Opens (creating mode 0600 if missing) the lock file <paramref name="path"/>, a link refused, and
    /// checks that it is a regular file of this user.
    /// </summary>
    /// <exception cref="IOException">It cannot be opened, or belongs to another user, or is not a regular file.</exception>
    public static LockFile Open(string path)
    {
        var file = Interop.OpenLockFile(path, RuntimeDirectory.FileMode);
        try
        {
            var identity = RemoteInterop.StatXDescriptor(file, path);
            var ownUserId = OwnUserId;
            if (!identity.IsRegularFile)
            {
                throw new IOException($"lock file is not a regular file: path={path}, mode {Octal(identity.Mode)}");
            }

            if (identity.Uid != ownUserId)
            {
                // Its owner could delete or replace it under us at any time, or hold it forever: not ours to trust.
                throw new IOException(
                    $"lock file belongs to another user: path={path}, owner uid={identity.Uid}, expected uid={ownUserId}, mode {Octal(identity.Mode)}");
            }

            return new LockFile(path, file, identity);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Takes byte <paramref name="index"/> without waiting.</summary>
    /// <returns>True when taken (or already held by this description); false when another description holds it.</returns>
    /// <exception cref="IOException">The lock call failed otherwise.</exception>
    public bool TryLock(long index)
    {
        var description = Interop.FileLockDescription.OneByte(Interop.LockType.Write, index);
        var errno = Interop.FcntlOfdLock(_file, Interop.OfdLockCommand.Set, ref description);
        return errno switch
        {
            0 => true,
            Interop.Errno.EAGAIN or Interop.Errno.EACCES => false,
            _ => throw Interop.ErrnoException("fcntl(F_OFD_SETLK)", Path, errno),
        };
    }

    /// <summary>Releases byte <paramref name="index"/> (nothing happens when it is not held).</summary>
    public void Unlock(long index)
    {
        var description = Interop.FileLockDescription.OneByte(Interop.LockType.Unlock, index);
        var errno = Interop.FcntlOfdLock(_file, Interop.OfdLockCommand.Set, ref description);
        if (errno != 0)
        {
            throw Interop.ErrnoException("fcntl(F_OFD_SETLK, F_UNLCK)", Path, errno);
        }
    }

    /// <summary>True when another open file description holds byte <paramref name="index"/> (<c>F_OFD_GETLK</c>).</summary>
    public bool IsHeldElsewhere(long index)
    {
        var description = Interop.FileLockDescription.OneByte(Interop.LockType.Write, index);
        var errno = Interop.FcntlOfdLock(_file, Interop.OfdLockCommand.Get, ref description);
        return errno == 0
            ? description.Type != Interop.LockType.Unlock
            : throw Interop.ErrnoException("fcntl(F_OFD_GETLK)", Path, errno);
    }

    /// <summary>
    /// Why the locks of this description no longer guard the path, or null while they do: the path
    /// must still name the very file we opened. Deleted, or replaced by another file (a new inode), the
    /// next opener of the path locks a different file and nothing excludes it from us.
    /// </summary>
    public string? WhyNoLongerAtPath()
    {
        var errno = RemoteInterop.TryStatXIdentity(Path, out var now);
        if (errno != 0)
        {
            return $"lock file is gone from its path: path={Path}, errno={errno.ToString(CultureInfo.InvariantCulture)}";
        }

        return now.IsSameFileAs(_identity)
            ? null
            : $"lock file was replaced: path={Path}, inode={_identity.Inode}, now inode={now.Inode}";
    }

    /// <summary>Closes the description: the kernel drops every lock it holds.</summary>
    public void Dispose() => _file.Dispose();

    private static string Octal(ushort mode) => Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0');
}
