using Actors.Remote.Native;

namespace Actors.Remote.Platform;

/// <summary>
/// The per-user directory where local transports keep the files they create (socket files, FIFOs).
/// </summary>
/// <remarks>
/// <c>$XDG_RUNTIME_DIR/actors</c> when the session has a runtime directory, else
/// <c>$TMPDIR/actors-&lt;uid&gt;</c>. It is created mode 0700, so no other user can reach what is
/// inside, whatever mode the files themselves have for an instant after creation. Two processes
/// reach each other only when they agree on this directory (same user, same environment), or when
/// both name the same directory in HOCON.
/// </remarks>
public static class RuntimeDirectory
{
    /// <summary>The mode of the directory: owner only.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The mode of every file created inside it: owner read and write only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The configured directory, or the per-user default when <paramref name="configured"/> is empty.</summary>
    public static string Resolve(string configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return !string.IsNullOrEmpty(xdg) && Directory.Exists(xdg)
            ? Path.Combine(xdg, "actors")
            : Path.Combine(Path.GetTempPath(), $"actors-{Interop.GetEUid()}");
    }

    /// <summary>Creates <paramref name="path"/> mode 0700 if needed and makes sure it is owner-only.</summary>
    /// <exception cref="IOException">The directory cannot be made private to this user.</exception>
    public static string EnsureCreated(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // No modes on Windows: the user profile's ACLs already keep other users out.
                Directory.CreateDirectory(path);
                return path;
            }

            Directory.CreateDirectory(path, DirectoryMode);
            if (File.GetUnixFileMode(path) != DirectoryMode)
            {
                File.SetUnixFileMode(path, DirectoryMode);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"runtime directory {path} cannot be made private (mode 0700) to this user: {e.Message}", e);
        }

        return path;
    }

    /// <summary>Makes a file we created readable and writable by its owner only (0600).</summary>
    public static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
