using System.Diagnostics;

namespace Actors.Coordination.Tests;

/// <summary>Files of another user, made as root (the tests run as root, as CI does).</summary>
public static class OtherUser
{
    /// <summary>A user id no account of the machine needs to have.</summary>
    public const int Uid = 54321;

    /// <summary>Creates an empty file at <paramref name="path"/> mode 0600 and gives it to <see cref="Uid"/>.</summary>
    public static void CreateFileOwnedByOtherUser(string path)
    {
        File.WriteAllText(path, string.Empty);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var chown = Process.Start(new ProcessStartInfo("chown", [Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path])
        {
            RedirectStandardError = true,
        })!;
        var error = chown.StandardError.ReadToEnd();
        if (!chown.WaitForExit(10_000) || chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown failed (the test needs root): path={path}, exit={chown.ExitCode}, stderr={error}");
        }
    }
}
