using System.Diagnostics;
using System.Globalization;

namespace Actors.MultiProcess.Tests;

/// <summary>A small tmpfs mounted in a fresh temporary directory (needs root); unmounted and removed on dispose.</summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    /// <summary>Where the filesystem is mounted.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="sizeMiB"/> MiB on <paramref name="path"/> (an empty directory; a fresh one by default), read-only when <paramref name="readOnly"/>.</summary>
    /// <exception cref="InvalidOperationException">mount failed; the message gives its output.</exception>
    public static TmpfsMount Create(int sizeMiB, string? path = null, bool readOnly = false)
    {
        path ??= Directory.CreateTempSubdirectory("actors-tmpfs-").FullName;
        var options = string.Create(CultureInfo.InvariantCulture, $"size={sizeMiB}m,mode=0700") + (readOnly ? ",ro" : "");
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        if (exitCode != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount -t tmpfs failed: exit={exitCode}, path={path}: {output}");
        }

        return new TmpfsMount(path);
    }

    /// <summary>True when this process may mount a tmpfs (it mounts and unmounts one to find out).</summary>
    public static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "needs root on Linux to mount a tmpfs";
        }

        try
        {
            using var probe = Create(1);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"cannot mount a tmpfs here: {e.Message}";
        }
    }

    /// <summary>Writes a file of <paramref name="lengthMiB"/> MiB of real (not sparse) pages, to take that much room.</summary>
    public string Fill(string name, int lengthMiB)
    {
        var file = System.IO.Path.Combine(Path, name);
        var block = new byte[1024 * 1024];
        using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
        for (var i = 0; i < lengthMiB; i++)
        {
            stream.Write(block);
        }

        return file;
    }

    public void Dispose()
    {
        // Lazily: a process still holding a mapping must not keep the mount (and the test) alive.
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new InvalidOperationException($"{program} did not finish within 30 s");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
