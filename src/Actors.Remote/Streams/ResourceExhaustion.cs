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
    /// <summary>
    /// True when <paramref name="exception"/>, or one inside it, is EMFILE, ENFILE, ENOBUFS or ENOMEM;
    /// <paramref name="whatRanOut"/> then names the resource and how to get more of it.
    /// </summary>
    public static bool TryDescribe(Exception exception, [NotNullWhen(true)] out string? whatRanOut)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            whatRanOut = current switch
            {
                // .NET maps EMFILE and ENFILE alike to TooManyOpenSockets, ENOBUFS and ENOMEM to NoBufferSpaceAvailable.
                SocketException { SocketErrorCode: SocketError.TooManyOpenSockets } =>
                    $"file descriptors (EMFILE or ENFILE: {DescriptorLimitText()}, or the system's fs.file-max)",
                SocketException { SocketErrorCode: SocketError.NoBufferSpaceAvailable } => "socket buffer memory (ENOBUFS or ENOMEM)",
                // .NET on Unix, and our own Interop.ErrnoException, put the errno in HResult.
                IOException io => DescribeErrno(io.HResult),
                _ => null,
            };
            if (whatRanOut is not null)
            {
                return true;
            }
        }

        whatRanOut = null;
        return false;
    }

    /// <summary>What an EMFILE means, with this process's limit: <c>EMFILE: ulimit -n reached, RLIMIT_NOFILE=1024</c>.</summary>
    public static string DescriptorLimitText() =>
        $"EMFILE: this process holds as many descriptors as ulimit -n allows, RLIMIT_NOFILE={Interop.DescriptorLimit()?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}";

    private static string? DescribeErrno(int errno) => errno switch
    {
        Interop.Errno.EMFILE => $"file descriptors ({DescriptorLimitText()})",
        Interop.Errno.ENFILE => "file descriptors (ENFILE: the system's limit fs.file-max is reached)",
        Interop.Errno.ENOBUFS => "socket buffer memory (ENOBUFS)",
        Interop.Errno.ENOMEM => "kernel memory (ENOMEM)",
        _ => null,
    };
}
