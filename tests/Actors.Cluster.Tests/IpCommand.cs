using System.Diagnostics;

namespace Actors.Cluster.Tests;

/// <summary>Runs iproute2's <c>ip</c> and fails with its own words when it fails.</summary>
internal static class IpCommand
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs <c>ip <paramref name="arguments"/></c>; returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">It exited non-zero, did not end in time, or could not start.</exception>
    public static string Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start ip");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill();
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} did not end within {s_timeout.TotalSeconds:0} s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result.Trim()}");
        }

        return output.Result;
    }

    /// <summary>Null when <c>ip</c> can be used here; else why not, in words a person can act on.</summary>
    public static string? WhyUnavailable()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return "this test creates network namespaces and veth links, which needs root: run the tests as root (CI does)";
        }

        try
        {
            Run("-V");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"this test needs iproute2's ip command, which cannot run here ({e.Message}): install iproute2";
        }
    }
}
