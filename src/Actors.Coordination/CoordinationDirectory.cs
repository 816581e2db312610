using Actors.Remote.Platform;

namespace Actors.Coordination;

/// <summary>The directory of the lock files, made safe before a file is opened in it.</summary>
internal static class CoordinationDirectory
{
    /// <summary>The folder of the runtime directory that holds lock files by default.</summary>
    public const string DefaultFolderName = "locks";

    /// <summary>
    /// <paramref name="configured"/>, or the runtime directory's "locks" folder when empty; created
    /// mode 0700 when missing, and refused when another user could replace our files in it (see
    /// <see cref="RuntimeDirectory"/>).
    /// </summary>
    /// <exception cref="IOException">The directory is not safe; the message names its owner and mode.</exception>
    public static string Ensure(string configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return RuntimeDirectory.EnsureSafe(Path.GetFullPath(configured));
        }

        var runtime = RuntimeDirectory.EnsureCreated(RuntimeDirectory.Resolve(string.Empty));
        return RuntimeDirectory.EnsureSafe(Path.Combine(runtime, DefaultFolderName));
    }

    /// <summary>The path of the lock file of <paramref name="name"/> with <paramref name="extension"/> in <paramref name="configured"/>.</summary>
    public static string PathOf(string configured, string name, string extension) =>
        Path.Combine(Ensure(configured), LockFileName.For(name, extension));
}
