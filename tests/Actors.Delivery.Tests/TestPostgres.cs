using System.Diagnostics;

namespace Actors.Delivery.Tests;

/// <summary>
/// A PostgreSQL server this test run starts itself when none is named in the environment, so
/// <c>dotnet test</c> needs no server started by hand: the repository's <c>.ci/postgres</c> installs
/// PostgreSQL where it is missing (as root), starts a throwaway server on a Unix socket in a directory
/// of its own, and stops it (removing the directory) when the test process exits.
/// </summary>
internal static class TestPostgres
{
    // Installing PostgreSQL with apt-get on a bare machine is the slow case.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private static readonly Lazy<string> s_connectionString = new(Start);

    /// <summary>The repository's <c>.ci/postgres</c>, found above the test's directory; null when this build is not in the repository.</summary>
    public static string? Script { get; } = FindScript();

    /// <summary>The started server's connection string (started on first use).</summary>
    public static string ConnectionString => s_connectionString.Value;

    private static string Start()
    {
        var script = Script ?? throw new InvalidOperationException(
            $"no PostgreSQL server for the durable queue tests: {PostgresFactAttribute.Variable} is not set and .ci/postgres was not found above {AppContext.BaseDirectory}");
        var directory = Directory.CreateTempSubdirectory("actors-postgres-").FullName;
        var (exitCode, output, errors) = Run(script, "start", directory);
        if (exitCode != 0)
        {
            Run(script, "stop", directory);
            throw new InvalidOperationException($"no PostgreSQL server for the durable queue tests: .ci/postgres start failed (exit {exitCode}): {errors.Trim()}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, "stop", directory);
        return output.Trim();
    }

    private static (int ExitCode, string Output, string Errors) Run(string script, string action, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script, action, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("bash could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(StartTimeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, string.Empty, $".ci/postgres {action} did not finish within {StartTimeout.TotalMinutes:0} minutes");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }

    private static string? FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, ".ci", "postgres");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }
}
