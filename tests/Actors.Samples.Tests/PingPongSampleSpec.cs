using System.Text.RegularExpressions;
using Actors.TestSupport;
using Xunit.Abstractions;

namespace Actors.Samples.Tests;

/// <summary>
/// samples/PingPong over every shipped transport: two processes, every ping answered, and the last
/// line the README documents. A bad setting in the HOCON file is one clear line and exit code 2.
/// </summary>
public sealed partial class PingPongSampleSpec(ITestOutputHelper output)
{
    private const int Messages = 2000;

    [Theory]
    [InlineData("uds.conf", "uds")]
    [InlineData("tcp.conf", "atcp")]
    [InlineData("pipe.conf", "pipe")]
    [InlineData("fifo.conf", "fifo")]
    [InlineData("shm.conf", "shm")]
    [InlineData("lane.conf", "shm")]
    public async Task Plays_every_ping_over_the_config_transport_and_ends_with_its_rate_line(string config, string scheme)
    {
        var (exitCode, lines) = await RunAsync("--config", Samples.Config(config), "--messages", $"{Messages}");

        Assert.Equal(0, exitCode);
        AssertRateLine(lines, scheme);
    }

    [Fact]
    public async Task The_sample_plays_over_an_anonymous_pipe_pair_to_a_child_whatever_the_config_transport()
    {
        var (exitCode, lines) = await RunAsync("--config", Samples.Config("uds.conf"), "--messages", $"{Messages}", "--anonymous-pipe");

        Assert.Equal(0, exitCode);
        AssertRateLine(lines, "apipe");
    }

    [Fact]
    public async Task A_bad_value_in_the_HOCON_file_is_one_clear_line_and_exit_code_2()
    {
        var config = Path.Combine(Path.GetTempPath(), $"pingpong-bad-{Guid.NewGuid():N}.conf");
        try
        {
            await File.WriteAllTextAsync(config, await File.ReadAllTextAsync(Samples.Config("uds.conf")) + "\nakka.remote.actors.uds.maximum-frame-size = banana\n");

            var (exitCode, lines) = await RunAsync("--config", config, "--messages", $"{Messages}");

            Assert.Equal(2, exitCode);
            Assert.Contains(lines, l => l.StartsWith("configuration error: akka.remote.actors.uds.maximum-frame-size = banana is not valid", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static void AssertRateLine(string[] lines, string scheme)
    {
        var last = RateLine().Match(lines.LastOrDefault() ?? string.Empty);
        Assert.True(last.Success, $"the last line is not the rate line: '{lines.LastOrDefault()}'");
        Assert.Equal(scheme, last.Groups["scheme"].Value);
        Assert.Equal($"{Messages}", last.Groups["messages"].Value);
        Assert.True(double.Parse(last.Groups["rate"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "no pings per second measured");
    }

    private async Task<(int ExitCode, string[] Lines)> RunAsync(params string[] arguments)
    {
        var (exitCode, lines) = await ProgramRun.RunAsync(Samples.PingPong, arguments, Samples.Timeout);
        output.WriteLine(string.Join(Environment.NewLine, lines));
        return (exitCode, lines);
    }

    [GeneratedRegex(@"^transport=(?<scheme>[a-z]+) messages=(?<messages>\d+) seconds=[0-9.]+ msgs_per_sec=(?<rate>[0-9.]+)$")]
    private static partial Regex RateLine();
}
