using System.Globalization;
using System.Runtime.Versioning;
using Actors.Remote.Native;
using Akka.Event;

namespace Actors.Remote.Platform;

/// <summary>
/// The directory where local transports keep the files they create (socket files, FIFOs).
/// </summary>
/// <remarks>
/// <para>By default <c>$XDG_RUNTIME_DIR/actors</c> when the session has a runtime directory, else
/// <c>$TMPDIR/actors-&lt;uid&gt;</c>. That directory must be ours and mode 0700 (we create it so): a
/// directory of that name that another user made first (or a link planted there) would let that user
/// rename or delete every socket we bind in it, so start-up is refused, naming its owner and mode.</para>
/// <para>A directory named in HOCON is the user's: it is checked and used as it is, never chmod'ed (it
/// may be a shared directory, even the system's temporary directory). It is refused when another user
/// could remove or replace our files in it: owned by a user other than us or root, or writable by
/// every user without the sticky bit. A group-writable directory is accepted: the group is trusted,
/// as <c>socket-file-mode = "0660"</c> trusts it. A directory that does not exist yet is created 0700.</para>
/// </remarks>
internal static class RuntimeDirectory
{
    /// <summary>The mode of the default directory: owner only.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The mode of the files created inside it unless socket-file-mode says otherwise: owner read and write only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const uint RootUserId = 0;

    private const string XdgRuntimeDir = "XDG_RUNTIME_DIR";

    /// <summary>The configured directory, or the per-user default when <paramref name="configured"/> is empty.</summary>
    public static string Resolve(string configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var xdg = Environment.GetEnvironmentVariable(XdgRuntimeDir);
        return !string.IsNullOrEmpty(xdg) && WhyUnusable(xdg) is null
            ? Path.Combine(xdg, "actors")
            : TemporaryDefault;
    }

    /// <summary>
    /// As <see cref="Resolve(string)"/>, and warns on <paramref name="log"/> when the default was wanted
    /// but <c>XDG_RUNTIME_DIR</c>, set, is not a usable directory: the session is misconfigured, and
    /// peers that see a good one look for our files elsewhere.
    /// </summary>
    public static string Resolve(string configured, ILoggingAdapter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var resolved = Resolve(configured);
        if (string.IsNullOrWhiteSpace(configured) && PassedOverXdgRuntimeDir(Environment.GetEnvironmentVariable(XdgRuntimeDir)) is { } warning)
        {
            log.Warning(warning);
        }

        return resolved;
    }

    /// <summary>
    /// The one-line warning when <paramref name="xdg"/> (the value of <c>XDG_RUNTIME_DIR</c>) is set but
    /// not a usable directory, naming it, why, and the directory used instead; null when it is unset or usable.
    /// </summary>
    internal static string? PassedOverXdgRuntimeDir(string? xdg) =>
        !string.IsNullOrEmpty(xdg) && WhyUnusable(xdg) is { } why
            ? $"runtime directory from the environment is not usable: {XdgRuntimeDir}={xdg} ({why}), using path={TemporaryDefault} instead"
            : null;

    private static string TemporaryDefault => Path.Combine(Path.GetTempPath(), $"actors-{Interop.GetEUid()}");

    /// <summary>Why <paramref name="xdg"/> cannot hold our directory; null when it can. The XDG spec wants an absolute path to a directory.</summary>
    private static string? WhyUnusable(string xdg) =>
        !Path.IsPathRooted(xdg) ? "not an absolute path"
        : File.Exists(xdg) ? "not a directory"
        : !Directory.Exists(xdg) ? "does not exist"
        : null;

    /// <summary>
    /// Makes sure <paramref name="path"/> can hold our files safely: the default directory (see
    /// <see cref="Resolve(string)"/>) as <see cref="EnsurePrivate"/> does, any other as <see cref="EnsureSafe"/> does.
    /// </summary>
    /// <exception cref="IOException">The directory is not safe; the message names its owner and mode.</exception>
    public static string EnsureCreated(string path) =>
        Path.GetFullPath(path) == Resolve(string.Empty) ? EnsurePrivate(path) : EnsureSafe(path);

    /// <summary>
    /// Creates <paramref name="path"/> mode 0700 if needed, and refuses it unless it is a directory (not
    /// a link) owned by this user with mode 0700 exactly.
    /// </summary>
    /// <exception cref="IOException">It is not private to this user.</exception>
    public static string EnsurePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // No modes on Windows: the user profile's ACLs already keep other users out.
            Directory.CreateDirectory(path);
            return path;
        }

        if (TryCreate(path))
        {
            return path;
        }

        var status = Interop.StatX(path);
        var ownUserId = Interop.GetEUid();
        if (!status.IsDirectory || status.Uid != ownUserId || status.Permissions != DirectoryMode)
        {
            throw new IOException(
                $"runtime directory is not private to this user: path={path}, {Describe(status)}, expected a directory of uid={ownUserId} with mode 0700. " +
                "Another user may have created it first: remove it (or fix it: chown, chmod 700), or name a directory of your own in socket-directory");
        }

        return path;
    }

    /// <summary>
    /// Creates <paramref name="path"/> mode 0700 if it does not exist; otherwise checks it without
    /// changing it: refused when owned by another user who is not root, or writable by every user
    /// without the sticky bit.
    /// </summary>
    /// <exception cref="IOException">Another user could remove or replace our files in it.</exception>
    public static string EnsureSafe(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }

        if (TryCreate(path))
        {
            return path;
        }

        // A link to a directory is fine here: the user named it; what counts is where it leads.
        var target = Directory.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        var status = Interop.StatX(target);
        var ownUserId = Interop.GetEUid();
        if (!status.IsDirectory)
        {
            throw new IOException($"socket directory is not a directory: path={path}, {Describe(status)}");
        }

        if (status.Uid != ownUserId && status.Uid != RootUserId)
        {
            throw new IOException(
                $"socket directory belongs to another user: path={path}, {Describe(status)}, expected owner uid={ownUserId} or root: " +
                "its owner could remove or replace our socket files");
        }

        var permissions = status.Permissions;
        if ((permissions & UnixFileMode.OtherWrite) != 0 && (permissions & UnixFileMode.StickyBit) == 0)
        {
            throw new IOException(
                $"socket directory is writable by every user without the sticky bit: path={path}, {Describe(status)}: " +
                "any user could remove or replace our socket files (chmod o-w, or chmod +t as /tmp has)");
        }

        return path;
    }

    /// <summary>Gives a file we created the mode <paramref name="mode"/> (socket-file-mode; 0600 unless configured).</summary>
    public static void SetFileMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>Makes a file we created readable and writable by its owner only (0600).</summary>
    public static void RestrictToOwner(string path) => SetFileMode(path, FileMode);

    /// <summary>"owner uid=1000, mode 0755": how an error names a directory's state.</summary>
    private static string Describe(Interop.StatXResult status) =>
        string.Create(CultureInfo.InvariantCulture, $"owner uid={status.Uid}, mode {Convert.ToString((int)status.Permissions, 8).PadLeft(4, '0')}");

    /// <summary>Creates <paramref name="path"/> (and its parents) mode 0700; false when it already existed (or someone else made it first).</summary>
    [UnsupportedOSPlatform("windows")]
    private static bool TryCreate(string path)
    {
        if (Directory.Exists(path) || File.Exists(path))
        {
            return false;
        }

        try
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"runtime directory cannot be created: path={path}: {e.Message}", e);
        }

        // Another user may have made it between our look and our mkdir: then it is checked as found.
        var status = Interop.StatX(path);
        if (!status.IsDirectory || status.Uid != Interop.GetEUid())
        {
            return false;
        }

        // The umask may have taken bits away; a directory we just made is ours to set.
        if (status.Permissions != DirectoryMode)
        {
            File.SetUnixFileMode(path, DirectoryMode);
        }

        return true;
    }
}
