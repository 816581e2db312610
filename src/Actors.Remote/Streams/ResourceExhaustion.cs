using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Sockets;
using Actors.Remote.Native;

namespace Actors.Remote.Streams;

/// <summary>
/// Tells, from an exception .NET threw, whether a call failed because a resource of the process or of
/// the machine ran out (descriptors, socket buffers, kernel memory), and says which. Such a failure
/// passes once other connections let go: a listener that meets one waits and accepts again.
/// </summary>
internal static class ResourceExhaustion
{
    // Descriptors this close to the limit count as the process's own limit reached (EMFILE): listeners stop short of it.
    private const int DescriptorMargin = 2 * DescriptorHeadroom.Reserve;

    /// <summary>True when <paramref name="exception"/>, or one inside it, is EMFILE, ENFILE, ENOBUFS or ENOMEM.</summary>
    public static bool IsExhaustion(Exception exception) => TryDescribe(exception, out _, describe: false);

    /// <summary>
    /// True when <paramref name="exception"/>, or one inside it, is EMFILE, ENFILE, ENOBUFS or ENOMEM;
    /// <paramref name="whatRanOut"/> then names the resource and its limit.
    /// </summary>
    public static bool TryDescribe(Exception exception, [NotNullWhen(true)] out string? whatRanOut) =>
        TryDescribe(exception, out whatRanOut, describe: true);

    /// <summary>What EMFILE means here, with this process's limit.</summary>
    public static string ProcessDescriptorsText() =>
        $"EMFILE: this process is at its limit, ulimit -n = RLIMIT_NOFILE={LimitText()}";

    private static bool TryDescribe(Exception exception, [NotNullWhen(true)] out string? whatRanOut, bool describe)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var description = current switch
            {
                // .NET reports EMFILE and ENFILE alike as TooManyOpenSockets (and its message reads "in system"
                // for both): which one it was is told by how many this process holds.
                SocketException { SocketErrorCode: SocketError.TooManyOpenSockets } => DescriptorsText,
                SocketException { SocketErrorCode: SocketError.NoBufferSpaceAvailable } => static () => "socket buffer memory (ENOBUFS or ENOMEM)",
                // .NET on Unix, and our own Interop.ErrnoException, put the errno in HResult.
                IOException io => DescribeErrno(io.HResult),
                _ => null,
            };
            if (description is not null)
            {
                whatRanOut = describe ? description() : string.Empty;
                return true;
            }
        }

        whatRanOut = null;
        return false;
    }

    private static Func<string>? DescribeErrno(int errno) => errno switch
    {
        Interop.Errno.EMFILE => static () => $"file descriptors ({ProcessDescriptorsText()})",
        Interop.Errno.ENFILE => static () => $"file descriptors ({SystemDescriptorsText()})",
        Interop.Errno.ENOBUFS => static () => "socket buffer memory (ENOBUFS)",
        Interop.Errno.ENOMEM => static () => "kernel memory (ENOMEM)",
        _ => null,
    };

    private static string DescriptorsText()
    {
        try
        {
            // Listing /proc/self/fd takes a descriptor itself: failing for want of one is an answer too.
            var open = Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
            return Interop.DescriptorLimit() is { } limit && (ulong)open + DescriptorMargin < limit
                ? $"file descriptors ({SystemDescriptorsText()}; this process holds {open} of RLIMIT_NOFILE={limit})"
                : $"file descriptors ({ProcessDescriptorsText()})";
        }
        catch (IOException e) when (e.HResult == Interop.Errno.ENFILE)
        {
            return $"file descriptors ({SystemDescriptorsText()})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"file descriptors ({ProcessDescriptorsText()})";
        }
    }

    private static string SystemDescriptorsText() => "ENFILE: the machine's limit, fs.file-max, is reached";

    private static string LimitText() => Interop.DescriptorLimit()?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
}
