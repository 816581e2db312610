using System.Text.Json;
using Actors.Perf.Contenders;
using Actors.Perf.Measurement;
using Actors.Perf.Output;
using Actors.Perf.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Perf.Tests;

/// <summary>
/// The suite run for real in a tiny mode (a few hundred messages per point, every contender with its
/// own partner process): every contender that can run here produces its rows, and the CSV, the JSON
/// and the charts are what a reader and a script expect. No speed is asserted.
/// </summary>
public sealed class PerfSuiteSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    // The spinning shm variants differ from shm-parking only in how a reader waits, and on 2 cores a
    // spinning reader starves the actors it waits for: they stay out of the tiny run.
    private static readonly string[] SpinningVariants = ["shm-busy-spin", "shm-yielding"];
    // One size keeps the run within the suite's budget now that every contender runs; the sizes as a
    // list are the business of the CLI tests.
    private static readonly int[] Sizes = [16];
    // The round trip under bulk starts a second partner per contender and streams 8 MiB messages: it
    // has a spec of its own on one contender (LatencyUnderBulkSpec), and the tiny run leaves it out.
    private static readonly Scenario[] StandardScenarios = Scenario.All.Where(s => !s.UnderBulk).ToArray();
    private static readonly string StandardScenarioList = string.Join(',', StandardScenarios.Select(s => s.Name));
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_tiny_run_gives_every_contender_its_rows_in_csv_json_and_charts()
    {
        var selected = ContenderCatalog.All.Select(c => c.Info.Name).Except(SpinningVariants).ToList();
        using var run = await PerfRun.StartAsync(RunTimeout, "--messages", "200", "--sizes", "16", "--scenarios", StandardScenarioList, "--transports", string.Join(',', selected));
        output.WriteLine(run.Output);
        Assert.Equal(0, run.ExitCode);

        var rows = CsvRow.ReadAll(run.File(CsvReport.FileName), out var header);
        Assert.Equal("transport,scenario,payload_bytes,messages,seconds,msgs_per_sec,p50_us,p99_us,p999_us,idle_p50_us,idle_p99_us,p99_vs_idle", header);

        var runnable = ContenderCatalog.All.Where(c => c.SkipReason is null).Select(c => c.Info.Name).Except(SpinningVariants).ToList();
        Assert.Contains("akka.tcp-hyperion", runnable);
        Assert.Contains("akka.tcp-json", runnable);
        Assert.Contains("proto-remote-hyperion", runnable);
        Assert.Contains("proto-remote-protobuf", runnable);
        Assert.Contains("akka-ceiling", runnable);
        Assert.Contains(runnable, name => name.StartsWith("raw-", StringComparison.Ordinal));
        foreach (var contender in runnable)
        {
            foreach (var scenario in StandardScenarios)
            {
                foreach (var size in Sizes)
                {
                    var row = Assert.Single(rows, r => r.Transport == contender && r.Scenario == scenario.Name && r.PayloadBytes == size);
                    Assert.True(row.Messages >= 200, $"{contender} {scenario.Name} {size}: messages={row.Messages}");
                    Assert.True(row.Seconds > 0 && row.MessagesPerSecond > 0, $"{contender} {scenario.Name} {size}: no rate");
                    if (scenario.IsLatency)
                    {
                        Assert.True(row.P50 > 0 && row.P50 <= row.P99 && row.P99 <= row.P999, $"{contender} {size}: percentiles {row.P50}/{row.P99}/{row.P999}");
                    }
                    else
                    {
                        Assert.Null(row.P50);
                    }
                }
            }
        }

        // Skipped contenders (a transport not in this build) have no rows, and the JSON says why.
        var skipped = ContenderCatalog.All.Where(c => c.SkipReason is not null).Select(c => c.Info.Name).Except(SpinningVariants).ToList();
        Assert.DoesNotContain(rows, r => skipped.Contains(r.Transport));

        using var json = JsonDocument.Parse(File.ReadAllText(run.File(JsonReport.FileName)));
        var machine = json.RootElement.GetProperty("machine");
        Assert.True(machine.GetProperty("cores").GetInt32() > 0);
        Assert.False(string.IsNullOrWhiteSpace(machine.GetProperty("cpu_model").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(machine.GetProperty("os").GetString()));
        Assert.StartsWith(".NET", machine.GetProperty("dot_net").GetString());
        Assert.Equal(rows.Count, json.RootElement.GetProperty("rows").GetArrayLength());
        foreach (var contender in json.RootElement.GetProperty("contenders").EnumerateArray())
        {
            var name = contender.GetProperty("name").GetString()!;
            var reason = contender.GetProperty("skipped");
            Assert.Equal(skipped.Contains(name), reason.ValueKind == JsonValueKind.String);
        }

        var markdown = File.ReadAllLines(run.File(MarkdownReport.FileName));
        Assert.All(runnable, name => Assert.Contains(markdown, line => line.StartsWith($"| {name} |", StringComparison.Ordinal)));

        // Every socket file, pipe, FIFO and scratch directory is gone with the run (the transports'
        // per-user runtime directory may stay, empty, when XDG_RUNTIME_DIR is not set).
        Assert.Empty(Directory.EnumerateFiles(run.TemporaryDirectory, "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateDirectories(run.TemporaryDirectory, "actors-perf-*"));

        foreach (var chart in new[] { "throughput-1pair.png", "throughput-4pairs.png", "latency.png" })
        {
            var bytes = File.ReadAllBytes(run.File(chart));
            Assert.True(bytes.Length > 10_000, $"{chart} is only {bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes[..PngSignature.Length]);
        }
    }

    [Fact]
    public async Task A_payload_a_transport_cannot_carry_gets_rows_that_say_so()
    {
        using var run = await PerfRun.StartAsync(RunTimeout, "--transports", "uds", "--sizes", "2MiB", "--messages", "20", "--scenarios", StandardScenarioList);
        output.WriteLine(run.Output);
        Assert.Equal(0, run.ExitCode);

        var rows = CsvRow.ReadAll(run.File(CsvReport.FileName), out _);
        Assert.Equal(StandardScenarios.Length, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(("uds", 2 * 1024 * 1024), (row.Transport, row.PayloadBytes));
            Assert.Null(row.MessagesPerSecond);
        });

        using var json = JsonDocument.Parse(File.ReadAllText(run.File(JsonReport.FileName)));
        Assert.All(json.RootElement.GetProperty("rows").EnumerateArray(), row =>
            Assert.StartsWith("cannot carry it: largest payload", row.GetProperty("note").GetString()));
        Assert.Contains("cannot carry it", run.Output);
    }

    [Theory]
    [InlineData("--sizes", "16,lots", "--sizes: 'lots' is not a payload size")]
    [InlineData("--transports", "uds,carrier-pigeon", "--transports: unknown carrier-pigeon; known: ")]
    [InlineData("--duration", "0", "--duration must be more than 0 seconds")]
    [InlineData("--scenarios", "latency,tea-break", "--scenarios: unknown tea-break; known: ")]
    public async Task Bad_options_are_refused_with_a_clear_error_before_anything_runs(string option, string value, string error)
    {
        using var run = await PerfRun.StartAsync(RunTimeout, option, value);
        output.WriteLine(run.Output);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(error, run.Output);
        Assert.False(File.Exists(run.File(CsvReport.FileName)));
    }
}
