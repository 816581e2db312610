using System.Diagnostics;
using Actors.Supervision;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// The default runtime directory, <c>$TMPDIR/actors-&lt;uid&gt;</c>, taken first by another user: a real
/// process started with that TMPDIR refuses to start, naming the directory, its owner and its mode.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DefaultRuntimeDirectorySpec : IDisposable
{
    private const uint OtherUserId = 12345;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("tmpdir-");

    public void Dispose() => _tmp.Delete(recursive: true);

    [Fact]
    public async Task A_peer_refuses_to_start_when_another_user_owns_its_default_runtime_directory()
    {
        if (Environment.UserName != "root")
        {
            return; // Needs root to give the directory to another user; .ci/run runs as root.
        }

        var taken = Path.Combine(_tmp.FullName, $"actors-{GetEUid()}");
        Directory.CreateDirectory(taken, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await RunAsync("chown", $"{OtherUserId}:{OtherUserId}", taken);

        var startInfo = ProgramStartInfo.Create(
            Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll"),
            ["--config", Path.Combine(AppContext.BaseDirectory, "HOCON", "uds.conf")]);
        startInfo.Environment["TMPDIR"] = _tmp.FullName;
        startInfo.Environment.Remove("XDG_RUNTIME_DIR");
        var (exitCode, output) = await RunAsync(startInfo);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"path={taken}", output);
        Assert.Contains($"owner uid={OtherUserId}, mode 0700", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(taken));
    }

    private static uint GetEUid() => uint.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
        Assert.True(exitCode == 0, output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo startInfo)
    {
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{startInfo.FileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
