using System.Globalization;
using Actors.Remote.Native;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// Reserves a fresh segment file's memory at once. A sparse file (<c>SetLength</c>) maps fine on a full
/// filesystem and kills the process with SIGBUS at the first write past the free space; reserved at
/// creation, a full <c>/dev/shm</c> is a clear error while the association is being set up instead.
/// </summary>
internal static class SegmentSpace
{
    private const long MiB = 1024 * 1024;
    private const long KiB = 1024;

    /// <summary>Makes <paramref name="file"/> <paramref name="length"/> bytes long with every block allocated.</summary>
    /// <exception cref="IOException">There is no room: the message gives the free bytes of <paramref name="directory"/>.</exception>
    public static void Reserve(FileStream file, string directory, long length)
    {
        var errno = Interop.TryPosixFallocate(file.SafeFileHandle, length);
        switch (errno)
        {
            case 0:
                return;
            case Interop.Errno.ENOSPC:
                throw NoSpace(directory, length);
            case Interop.Errno.EOPNOTSUPP or Interop.Errno.EINVAL:
                // A filesystem that cannot reserve blocks (glibc falls back by itself; musl does not):
                // writing every page allocates it just the same.
                WriteZeros(file, directory, length);
                return;
            default:
                throw Interop.ErrnoException("posix_fallocate", file.Name, errno);
        }
    }

    /// <summary>The error for a segment of <paramref name="length"/> bytes that does not fit in <paramref name="directory"/>.</summary>
    internal static IOException NoSpace(string directory, long length)
    {
        string free;
        try
        {
            free = Interop.StatVfs(directory).AvailableBytes.ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            free = "unknown";
        }

        return new IOException(
            $"no space for a {Size(length)} segment in {directory}: {free} bytes free (segment-length={length} bytes); " +
            "free some, or give that filesystem more room (in a container: docker run --shm-size)",
            Interop.Errno.ENOSPC);
    }

    private static void WriteZeros(FileStream file, string directory, long length)
    {
        var zeros = new byte[64 * KiB];
        try
        {
            file.Position = 0;
            for (var written = 0L; written < length; written += zeros.Length)
            {
                file.Write(zeros, 0, (int)Math.Min(zeros.Length, length - written));
            }

            file.Flush();
        }
        catch (IOException e) when (e.HResult == Interop.Errno.ENOSPC)
        {
            throw NoSpace(directory, length);
        }
    }

    private static string Size(long length) => length >= MiB
        ? string.Create(CultureInfo.InvariantCulture, $"{length / (double)MiB:0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{length / (double)KiB:0.#} KiB");
}
