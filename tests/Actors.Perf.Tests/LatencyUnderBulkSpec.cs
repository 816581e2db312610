using System.Text.Json;
using Actors.Perf.Measurement;
using Actors.Perf.Output;
using Actors.Perf.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Perf.Tests;

/// <summary>
/// The round trip under bulk, run for real on one contender (uds, with 8 MiB messages streaming to the
/// same partner) and on a raw baseline that cannot take it: the row carries the idle round trip of the
/// same session and the ratio, the reports show it, and the baseline gets a row that says why not. No
/// speed is asserted.
/// </summary>
public sealed class LatencyUnderBulkSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_round_trip_under_bulk_is_reported_against_the_idle_round_trip_of_the_same_session()
    {
        using var run = await PerfRun.StartAsync(
            RunTimeout, "--transports", "uds,raw-uds", "--scenarios", Scenario.LatencyUnderBulk.Name, "--messages", "20");
        output.WriteLine(run.Output);
        Assert.Equal(0, run.ExitCode);

        var rows = CsvRow.ReadAll(run.File(CsvReport.FileName), out _);
        Assert.Equal(2, rows.Count);
        var uds = Assert.Single(rows, r => r.Transport == "uds");
        Assert.Equal((Scenario.LatencyUnderBulk.Name, Scenario.ProbeBytes), (uds.Scenario, uds.PayloadBytes));
        Assert.True(uds.Messages >= 20, $"round trips under bulk: {uds.Messages}");
        Assert.True(uds.P50 > 0 && uds.P50 <= uds.P99, $"under bulk p50/p99: {uds.P50}/{uds.P99}");
        Assert.True(uds.IdleP50 > 0 && uds.IdleP50 <= uds.IdleP99, $"idle p50/p99: {uds.IdleP50}/{uds.IdleP99}");
        // The CSV rounds the percentiles to 0.1 µs and the ratio to 0.01.
        var ratio = uds.P99!.Value / uds.IdleP99!.Value;
        Assert.InRange(uds.P99VsIdle!.Value, ratio * 0.99 - 0.01, ratio * 1.01 + 0.01);

        var raw = Assert.Single(rows, r => r.Transport == "raw-uds");
        Assert.Null(raw.MessagesPerSecond);
        using var json = JsonDocument.Parse(File.ReadAllText(run.File(JsonReport.FileName)));
        var rawNote = json.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("transport").GetString() == "raw-uds").GetProperty("note").GetString();
        Assert.StartsWith(ResultRow.NotSupportedNote + ": ", rawNote);

        var markdown = File.ReadAllText(run.File(MarkdownReport.FileName));
        Assert.Contains("| transport | round trips under bulk | idle p50 µs | idle p99 µs | under bulk p50 µs | under bulk p99 µs | p99 ÷ idle p99 | note |", markdown);
        Assert.Contains("| uds | ", markdown);
        Assert.Contains("p99 ÷ idle p99", run.Output);
    }
}
