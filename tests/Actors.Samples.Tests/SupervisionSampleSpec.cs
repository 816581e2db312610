using Actors.TestSupport;
using Xunit.Abstractions;

namespace Actors.Samples.Tests;

/// <summary>
/// samples/Supervision as the README runs it: three worker processes, one SIGKILLed after a third of
/// its jobs, detected, restarted, and every job processed once.
/// </summary>
public sealed class SupervisionSampleSpec(ITestOutputHelper output)
{
    [Theory]
    [InlineData("uds.conf")]
    [InlineData("shm.conf")]
    public async Task A_killed_worker_is_restarted_and_every_job_is_processed_exactly_once(string config)
    {
        var (exitCode, lines) = await ProgramRun.RunAsync(Samples.Supervision, ["--config", Samples.Config(config), "--jobs", "6000"], Samples.Timeout);
        output.WriteLine(string.Join(Environment.NewLine, lines));

        // The sample holds worker-2's last jobs back until its restart is printed: the order is fixed.
        Assert.Equal(0, exitCode);
        var crashed = Array.FindIndex(lines, l => l.StartsWith("worker-2: crashed (signal 9)", StringComparison.Ordinal));
        var restarted = Array.FindIndex(lines, l => l.StartsWith("worker-2: restarted", StringComparison.Ordinal));
        var released = Array.FindIndex(lines, l => l.StartsWith("worker-2: sending its last 666 jobs", StringComparison.Ordinal));
        Assert.True(crashed >= 0 && crashed < restarted && restarted < released, $"crashed at line {crashed}, restarted at {restarted}, last jobs sent at {released}");
        Assert.Equal("sent=6000 processed=6000 lost=0 duplicates=0", lines.Last());

        // Akka's log is on at WARNING: the planned kill must not show as an association error with a stack trace.
        Assert.DoesNotContain(lines, l => l.Contains("[ERROR]", StringComparison.Ordinal) || l.Contains("Disassociated", StringComparison.Ordinal) || l.Contains("AssociationError", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_value_in_the_HOCON_file_is_one_clear_line_and_exit_code_2()
    {
        var config = Path.Combine(Path.GetTempPath(), $"supervision-bad-{Guid.NewGuid():N}.conf");
        try
        {
            await File.WriteAllTextAsync(config, await File.ReadAllTextAsync(Samples.Config("uds.conf")) + "\nakka.remote.actors.uds.maximum-frame-size = banana\n");

            var (exitCode, lines) = await ProgramRun.RunAsync(Samples.Supervision, ["--config", config], Samples.Timeout);
            output.WriteLine(string.Join(Environment.NewLine, lines));

            Assert.Equal(2, exitCode);
            Assert.Contains("configuration error: akka.remote.actors.uds.maximum-frame-size = banana is not valid: expected a size in bytes such as 256 KiB", lines);
            Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(config);
        }
    }
}
