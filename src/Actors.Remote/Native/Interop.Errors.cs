using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>
    /// The errno values we act on. Linux numbers (asm-generic: the same on x86-64 and arm64).
    /// </summary>
    internal static class Errno
    {
        public const int EPERM = 1;
        public const int ENOENT = 2;
        public const int EINTR = 4;
        public const int EIO = 5;
        public const int ENXIO = 6;
        public const int EAGAIN = 11;
        public const int ENOMEM = 12;
        public const int EACCES = 13;
        public const int EEXIST = 17;
        public const int ENOTDIR = 20;
        public const int EISDIR = 21;
        public const int EINVAL = 22;
        public const int ENFILE = 23;
        public const int EMFILE = 24;
        public const int ENOSPC = 28;
        public const int EROFS = 30;
        public const int EPIPE = 32;
        public const int ENAMETOOLONG = 36;
        public const int ENOSYS = 38;
        public const int ELOOP = 40;
        public const int EOPNOTSUPP = 95;
        public const int ENOBUFS = 105;
    }

    /// <summary>The symbolic name of <paramref name="errno"/>, or <c>errno=N</c> for one we do not name.</summary>
    internal static string ErrnoName(int errno) => errno switch
    {
        Errno.EPERM => "EPERM",
        Errno.ENOENT => "ENOENT",
        Errno.EINTR => "EINTR",
        Errno.EIO => "EIO",
        Errno.ENXIO => "ENXIO",
        Errno.EAGAIN => "EAGAIN",
        Errno.ENOMEM => "ENOMEM",
        Errno.EACCES => "EACCES",
        Errno.EEXIST => "EEXIST",
        Errno.ENOTDIR => "ENOTDIR",
        Errno.EISDIR => "EISDIR",
        Errno.EINVAL => "EINVAL",
        Errno.ENFILE => "ENFILE",
        Errno.EMFILE => "EMFILE",
        Errno.ENOSPC => "ENOSPC",
        Errno.EROFS => "EROFS",
        Errno.EPIPE => "EPIPE",
        Errno.ENAMETOOLONG => "ENAMETOOLONG",
        Errno.ENOSYS => "ENOSYS",
        Errno.ELOOP => "ELOOP",
        Errno.EOPNOTSUPP => "EOPNOTSUPP",
        Errno.ENOBUFS => "ENOBUFS",
        _ => $"errno={errno}",
    };

    /// <summary>
    /// The one errno-to-exception map: an <see cref="IOException"/> that names the call, the errno and
    /// the path, with the errno as its <see cref="Exception.HResult"/> (as .NET itself does on Unix),
    /// so a caller can single out one errno.
    /// </summary>
    internal static IOException ErrnoException(string call, string path, int errno) =>
        new($"{call} failed: {ErrnoName(errno)} ({Marshal.GetPInvokeErrorMessage(errno)}): path={path}", errno);

    /// <summary>Runs a libc call that returns -1 and sets errno on failure, again while it fails with EINTR.</summary>
    /// <returns>The call's result, and 0 or the errno it failed with.</returns>
    private static (int Result, int Errno) RetryOnInterrupt<TState>(TState state, Func<TState, int> call)
    {
        while (true)
        {
            var result = call(state);
            if (result != -1)
            {
                return (result, 0);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                return (result, errno);
            }
        }
    }
}
