using System.Globalization;
using Actors.Remote.Native;
using Actors.Remote.Platform;
using Akka.Event;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// Where segment files live, what they are called, and how a crashed process's leftovers are found.
/// </summary>
/// <remarks>
/// A segment is named <c>actors-&lt;uid&gt;-&lt;pid&gt;-&lt;random&gt;.shm</c> after the user and the
/// process that created it, so that ours are recognisable among other programs' files and a file
/// whose creator is gone can be removed by anyone of the same user.
/// </remarks>
internal static class SegmentFiles
{
    /// <summary>The prefix every segment file of ours carries.</summary>
    public const string Prefix = "actors-";

    /// <summary>The extension every segment file of ours carries.</summary>
    public const string Extension = ".shm";

    /// <summary>
    /// The configured directory, else <c>/dev/shm</c> (memory, never disk), else the per-user runtime
    /// directory where <c>/dev/shm</c> does not exist.
    /// </summary>
    public static string ResolveDirectory(string configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return Directory.Exists("/dev/shm") ? "/dev/shm" : RuntimeDirectory.EnsureCreated(RuntimeDirectory.Resolve(string.Empty));
    }

    /// <summary>A fresh name for a segment this process creates.</summary>
    public static string NewName() =>
        $"{Prefix}{Interop.GetEUid()}-{Environment.ProcessId}-{Random.Shared.NextInt64():x16}{Extension}";

    /// <summary>The segment files of this user in <paramref name="directory"/>.</summary>
    public static IEnumerable<string> OfThisUser(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, $"{Prefix}{Interop.GetEUid()}-*{Extension}")
            : [];

    /// <summary>True when <paramref name="fileName"/> is a segment name of ours (the file's name alone, no directory).</summary>
    public static bool IsSegmentName(string fileName) =>
        fileName.StartsWith(Prefix, StringComparison.Ordinal)
        && fileName.EndsWith(Extension, StringComparison.Ordinal)
        && fileName.IndexOfAny(['/', '\0']) < 0
        && fileName.Length <= 128;

    /// <summary>Removes this user's segment files whose creating process is gone.</summary>
    public static void ReclaimStale(string directory, ILoggingAdapter log)
    {
        foreach (var path in OfThisUser(directory))
        {
            var creator = CreatorOf(Path.GetFileName(path));
            if (creator > 0 && creator != Environment.ProcessId && ProcessLiveness.IsGone(creator))
            {
                log.Info("reclaiming shared-memory segment {0}: its creator (pid {1}) is gone", path, creator);
                SocketFiles.DeleteQuietly(path, log);
            }
        }
    }

    /// <summary>The creating pid written in a segment's name, or 0 when the name does not hold one.</summary>
    internal static int CreatorOf(string fileName)
    {
        // actors-<uid>-<pid>-<random>.shm
        var parts = fileName.Split('-');
        return parts.Length == 4 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
    }
}
