using System.Net.Sockets;
using Akka.Event;

namespace Actors.Remote.Platform;

/// <summary>
/// Socket files in the runtime directory (Unix-domain sockets, and named pipes, which .NET builds on
/// them on Unix): telling a live listener from a file a crashed process left, and reclaiming the latter.
/// </summary>
internal static class SocketFiles
{
    private static readonly TimeSpan s_recheckInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>True when a listener accepts connections on <paramref name="path"/>.</summary>
    /// <remarks>The probe closes without a byte; our listeners log that at Debug level only.</remarks>
    public static bool IsLive(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// The pid of the process listening on <paramref name="path"/>, read from a fresh connection
    /// (SO_PEERCRED of a connection to a listening socket is the pid that called listen); null when
    /// nobody accepts on it or the kernel does not say.
    /// </summary>
    /// <remarks>The connection closes without a byte; our listeners log that at Debug level only.</remarks>
    public static async Task<int?> ListenerProcessIdAsync(string path, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return PeerCredentials.Of(probe)?.ProcessId;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }

    /// <summary>Removes every file matching <paramref name="pattern"/> in <paramref name="directory"/> that no listener accepts on.</summary>
    public static void ReclaimStale(string directory, string pattern, ILoggingAdapter log)
    {
        foreach (var path in Directory.EnumerateFiles(directory, pattern))
        {
            ReclaimIfStale(path, log);
        }
    }

    /// <summary>
    /// Removes <paramref name="path"/> if it exists and no listener accepts on it: the file of a process
    /// that has exited. A live listener's file (a new process bound the same name) is left alone.
    /// </summary>
    public static void ReclaimIfStale(string path, ILoggingAdapter log) => ReclaimIfStale(path, IsLive, log);

    /// <summary>As <see cref="ReclaimIfStale(string, ILoggingAdapter)"/>, for listener files whose liveness <paramref name="isLive"/> tells (a FIFO's reader).</summary>
    public static void ReclaimIfStale(string path, Func<string, bool> isLive, ILoggingAdapter log)
    {
        if (File.Exists(path) && !isLive(path))
        {
            log.Info("reclaiming stale listener file {0} (no listener takes connections on it)", path);
            DeleteQuietly(path, log);
        }
    }

    /// <summary>How long a dead peer's listener may take to close (its process's last threads going) before its file is left to the next start.</summary>
    public static readonly TimeSpan ListenerCloseWindow = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Removes the listener file <paramref name="path"/> of a process that has just died, once its
    /// listener has closed; gives up after <paramref name="window"/> if it stays live (a new process
    /// bound the name).
    /// </summary>
    /// <remarks>
    /// A killed process with many threads shows as exited as soon as its main thread is gone, while its
    /// other threads, which share its files, may still be on their way out: for a few milliseconds its
    /// listener still takes connections. So the file is looked at again until the listener is closed.
    /// </remarks>
    public static async Task ReclaimWhenClosedAsync(string path, TimeSpan window, ILoggingAdapter log, Func<string, bool>? isLive = null)
    {
        isLive ??= IsLive;
        var deadline = DateTime.UtcNow + window;
        while (File.Exists(path))
        {
            if (!isLive(path))
            {
                ReclaimIfStale(path, isLive, log);
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                log.Debug("left {0} alone: a listener still accepts on it", path);
                return;
            }

            await Task.Delay(s_recheckInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Removes <paramref name="path"/> if it exists; a failure is logged, not thrown.</summary>
    public static void DeleteQuietly(string path, ILoggingAdapter log)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("could not remove {0}: {1}", path, e.Message);
        }
    }
}
