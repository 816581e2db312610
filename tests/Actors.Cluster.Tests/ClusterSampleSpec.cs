using Actors.TestSupport;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>
/// samples/Cluster as the README runs it: three processes on cluster.conf, one killed part-way; the
/// work finishes exactly and the sample ends with its summary line and exit code 0. Bad arguments
/// get a clear message and a non-zero exit before any member starts.
/// </summary>
public sealed class ClusterSampleSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_sample_counts_every_chunk_once_across_a_killed_member_and_ends_with_its_summary_line()
    {
        var (exitCode, printed) = await RunSampleAsync(["--nodes", "3", "--config", TestMember.ConfigPath]);

        Assert.Equal(0, exitCode);
        Assert.Equal("members_up=2 work_done=true", printed.Last());
        Assert.Contains(printed, l => l.StartsWith("every chunk counted once: yes", StringComparison.Ordinal));

        // Akka's log is on at WARNING: the planned kill must not show as an association error with a stack trace.
        Assert.DoesNotContain(printed, l => l.Contains("[ERROR]", StringComparison.Ordinal) || l.Contains("Disassociated", StringComparison.Ordinal) || l.Contains("AssociationError", StringComparison.Ordinal));
        Assert.DoesNotContain(printed, l => l.StartsWith("   at ", StringComparison.Ordinal));

        // Anything the sample's processes left (its members remove a killed member's socket files) is reclaimed by the next system.
        var fresh = Akka.Actor.ActorSystem.Create("fresh", TestMember.Configuration([]));
        await fresh.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("--seed", "garbage", "--seed 'garbage' is not the address of a cluster member")]
    [InlineData("--nodes", "2", "--nodes must be between 3 and 16")]
    [InlineData("--config", "missing.conf", "File does not exist: 'missing.conf'")]
    public async Task A_bad_argument_is_refused_with_a_clear_message_before_any_member_starts(string option, string value, string message)
    {
        var (exitCode, printed) = await RunSampleAsync([option, value]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(printed, l => l.Contains(message, StringComparison.Ordinal));
        Assert.DoesNotContain(printed, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.DoesNotContain(printed, l => l.Contains("member up", StringComparison.Ordinal));
    }

    private async Task<(int ExitCode, string[] Printed)> RunSampleAsync(string[] arguments)
    {
        var (exitCode, printed) = await ProgramRun.RunAsync(Path.Combine(AppContext.BaseDirectory, "Cluster.dll"), arguments, s_timeout);
        output.WriteLine(string.Join(Environment.NewLine, printed));
        return (exitCode, printed);
    }
}
