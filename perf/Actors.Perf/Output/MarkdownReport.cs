using System.Globalization;
using System.Text;
using Actors.Perf.Measurement;

namespace Actors.Perf.Output;

/// <summary>results.md: the terminal's table as Markdown, with the machine, ready to paste into a README.</summary>
public static class MarkdownReport
{
    public const string FileName = "results.md";

    public static string Write(string directory, SuiteResult result, MachineInfo machine, DateTimeOffset started)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {started:yyyy-MM-dd HH:mm} UTC on {machine}; each point {result.Plan.Budget} after a {result.Plan.WarmUp} warm-up.");
        text.AppendLine();
        var tabled = ReportLine.TabledScenarios(result.Plan);
        text.AppendLine($"| transport | kind | payload | {string.Join(" | ", tabled.Select(ReportLine.Heading))} | p50 µs | p99 µs | p99.9 µs | note |");
        text.AppendLine($"|---|---|---:|{string.Concat(Enumerable.Repeat("---:|", tabled.Count))}---:|---:|---:|---|");
        foreach (var line in ReportLine.Of(result))
        {
            var cells = new List<string>
            {
                line.Contender.Name,
                line.Contender.Kind,
                line.PayloadBytes is { } size ? Charts.FormatSize(size) : "",
            };
            cells.AddRange(line.Rates.Select(rate => Number(rate, "N0")));
            cells.Add(Number(line.Latency?.P50Microseconds, "N1"));
            cells.Add(Number(line.Latency?.P99Microseconds, "N1"));
            cells.Add(Number(line.Latency?.P999Microseconds, "N1"));
            cells.Add(line.SkipReason is { } reason ? $"skipped: {reason}" : line.Notes);
            text.AppendLine($"| {string.Join(" | ", cells)} |");
        }

        foreach (var scenario in result.Plan.Scenarios.Where(s => s.UnderBulk))
        {
            AppendUnderBulk(text, result, scenario);
        }

        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static void AppendUnderBulk(StringBuilder text, SuiteResult result, Scenario scenario)
    {
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{UnderBulkLine.Title(scenario)}: the idle round trip and the one under bulk come from the same session.");
        text.AppendLine();
        text.AppendLine($"| {string.Join(" | ", UnderBulkLine.Headings)} |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var line in UnderBulkLine.Of(result))
        {
            text.AppendLine(string.Join(" | ", [
                $"| {line.Contender}",
                Number(line.RoundTrips, "N0"),
                Number(line.IdleP50Microseconds, "N1"),
                Number(line.IdleP99Microseconds, "N1"),
                Number(line.P50Microseconds, "N1"),
                Number(line.P99Microseconds, "N1"),
                Number(line.P99VsIdle, "N1"),
                $"{line.Note} |",
            ]));
        }

        if (UnderBulkLine.PassedOver(result) is { } passedOver)
        {
            text.AppendLine();
            text.AppendLine(passedOver);
        }
    }

    private static string Number(long? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
