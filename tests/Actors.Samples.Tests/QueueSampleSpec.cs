using Actors.TestSupport;
using Xunit.Abstractions;

namespace Actors.Samples.Tests;

/// <summary>
/// samples/Queue as the README runs it: a producer process stores orders with no consumer running and
/// is SIGKILLed, restarts from its queue; a consumer process starts late, is SIGKILLed half-way,
/// restarts; every order arrives.
/// </summary>
public sealed class QueueSampleSpec(ITestOutputHelper output)
{
    [Fact]
    public async Task A_producer_killed_before_any_consumer_ran_and_a_consumer_killed_half_way_lose_no_order()
    {
        var (exitCode, lines) = await ProgramRun.RunAsync(Samples.Queue, ["--messages", "300"], Samples.Timeout);
        output.WriteLine(string.Join(Environment.NewLine, lines));

        // The sample's script fixes the order: each kill waits for a count, each next step for an event.
        Assert.Equal(0, exitCode);
        string[] story =
        [
            "producer: started, pid ",
            "producer: stored 100 of 300 orders; killing pid ",
            "producer: crashed (signal 9)",
            "producer: restarted, pid ",
            "consumer: started, pid ",
            "consumer: ",
            "consumer: crashed (signal 9)",
            "consumer: restarted, pid ",
        ];
        Assert.Equal(story.Length + 2, lines.Length);
        Assert.All(story.Zip(lines, (expected, line) => (expected, line)), pair => Assert.StartsWith(pair.expected, pair.line, StringComparison.Ordinal));
        Assert.EndsWith("found 100 orders in its queue, stored the rest: 300 of 300", lines[3], StringComparison.Ordinal);
        Assert.Equal("sent=300 delivered=300 lost=0 duplicates=0", lines.Last());
    }

    [Fact]
    public async Task A_queue_directory_that_does_not_exist_is_one_clear_line_and_exit_code_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"queue-missing-{Guid.NewGuid():N}");

        var (exitCode, lines) = await ProgramRun.RunAsync(Samples.Queue, ["--directory", missing], Samples.Timeout);
        output.WriteLine(string.Join(Environment.NewLine, lines));

        Assert.Equal(2, exitCode);
        Assert.Equal([$"durable queue storage failed: path={missing}, reason=the directory does not exist"], lines);
    }
}
