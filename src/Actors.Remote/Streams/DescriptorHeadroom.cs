using Actors.Remote.Native;
using Microsoft.Win32.SafeHandles;

namespace Actors.Remote.Streams;

/// <summary>
/// Whether this process has <see cref="Reserve"/> descriptors to spare, found by taking that many and
/// giving them back. A listener accepts only while it does, so connections from outside can never take
/// the process's last descriptors.
/// </summary>
/// <remarks>
/// Measured with <c>ulimit -n 128</c> and silent connections piling up on a uds listener: accepting until
/// EMFILE killed the .NET process within seconds ("Out of memory.": the runtime itself could not open a
/// file it needed), and an assembly first needed then (System.IO.Pipes, by the hello) failed to load and,
/// the runtime caching the failure, failed for every later connection. Keeping the last descriptors free
/// leaves room for the runtime, assembly loads, segment files and connections this process makes itself.
/// </remarks>
internal static class DescriptorHeadroom
{
    /// <summary>The descriptors a listener leaves to the rest of the process.</summary>
    public const int Reserve = 16;

    private static readonly Lock s_gate = new();

    // What the probe duplicates: /dev/null, opened once (at the first listener's start, while descriptors are free).
    private static SafeFileHandle? s_source;

    /// <summary>Opens what the probe needs, while descriptors are surely free; never throws.</summary>
    public static void Prepare() => _ = Source(out _);

    /// <summary>0 when <see cref="Reserve"/> descriptors are free, else the errno that says why not (EMFILE, ENFILE).</summary>
    public static int Probe()
    {
        if (Source(out var openErrno) is not { } source)
        {
            return openErrno;
        }

        Span<int> taken = stackalloc int[Reserve];
        var count = 0;
        try
        {
            for (; count < Reserve; count++)
            {
                var (descriptor, errno) = Interop.TryDuplicate(source);
                if (errno != 0)
                {
                    return errno;
                }

                taken[count] = descriptor;
            }

            return 0;
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                Interop.Close(taken[i]);
            }
        }
    }

    /// <summary>The probe's source; null, with the errno, when it cannot be opened (then descriptors ran out).</summary>
    private static SafeFileHandle? Source(out int errno)
    {
        errno = 0;
        lock (s_gate)
        {
            if (s_source is null)
            {
                try
                {
                    s_source = File.OpenHandle("/dev/null");
                }
                catch (IOException e)
                {
                    errno = e.HResult > 0 ? e.HResult : Interop.Errno.EMFILE;
                }
            }

            return s_source;
        }
    }
}
