using System.Diagnostics;
using Actors.Supervision;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// What a real process says at start about a mistake that would otherwise pass in silence: a misspelled
/// key, and an XDG_RUNTIME_DIR that is not a usable directory. The test peer starts, prints READY, and
/// exits when its standard input closes; its log is read whole.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StartupWarningsSpec : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("startup-");

    public void Dispose() => _tmp.Delete(recursive: true);

    [Fact]
    public async Task A_misspelled_key_is_warned_about_once_naming_the_nearest_known_key()
    {
        var config = Path.Combine(_tmp.FullName, "misspelled.conf");
        await File.WriteAllTextAsync(config, await File.ReadAllTextAsync(ShippedConfig("uds.conf")) + "\nakka.remote.actors.uds.maximum-frame-sise = 2 MiB\n");

        var lines = await RunPeerAsync(config, _ => { });

        Assert.Single(lines, l => l.Contains(
            "unknown setting ignored: key=akka.remote.actors.uds.maximum-frame-sise, nearest known key=akka.remote.actors.uds.maximum-frame-size",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_XDG_RUNTIME_DIR_that_does_not_exist_is_reported_with_the_directory_used_instead()
    {
        var missing = Path.Combine(_tmp.FullName, "no-such-runtime-dir");
        var tmpdir = Directory.CreateDirectory(Path.Combine(_tmp.FullName, "tmp")).FullName;

        var lines = await RunPeerAsync(ShippedConfig("uds.conf"), environment =>
        {
            environment["XDG_RUNTIME_DIR"] = missing;
            environment["TMPDIR"] = tmpdir;
        });

        var usedInstead = Path.Combine(tmpdir, $"actors-{GetEUid()}");
        Assert.Contains(lines, l => l.Contains(
            $"runtime directory from the environment is not usable: XDG_RUNTIME_DIR={missing} (does not exist), using path={usedInstead} instead",
            StringComparison.Ordinal));
        Assert.True(Directory.Exists(usedInstead), "the peer did not use the directory it named");
    }

    private static string ShippedConfig(string file) => Path.Combine(AppContext.BaseDirectory, "HOCON", file);

    private static uint GetEUid() => uint.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2]);

    /// <summary>Starts the test peer, lets it reach READY, closes its input so it exits, and returns all it printed.</summary>
    private static async Task<string[]> RunPeerAsync(string config, Action<IDictionary<string, string?>> environment)
    {
        var startInfo = ProgramStartInfo.Create(Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll"), ["--config", config]);
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        environment(startInfo.Environment);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("the test peer did not start");
        try
        {
            var lines = new List<string>();
            using var deadline = new CancellationTokenSource(Timeout);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    process.StandardInput.Close();
                }
            }

            await process.WaitForExitAsync(deadline.Token);
            lines.AddRange((await stderr).Split('\n'));
            Assert.Contains(lines, l => l.StartsWith("READY ", StringComparison.Ordinal));
            return [.. lines];
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
