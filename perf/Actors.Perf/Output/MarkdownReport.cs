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
        text.Append("| transport | kind | payload |");
        foreach (var scenario in result.Plan.Scenarios)
        {
            text.Append(scenario.IsLatency ? " round trips/s |" : $" {scenario.Name} msg/s |");
        }

        text.AppendLine(" p50 µs | p99 µs | p99.9 µs | note |");
        text.Append("|---|---|---:|").Append(string.Concat(Enumerable.Repeat("---:|", result.Plan.Scenarios.Count))).AppendLine("---:|---:|---:|---|");
        foreach (var contender in result.Contenders)
        {
            if (result.Skipped.FirstOrDefault(s => s.Contender == contender) is { } skipped)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {contender.Name} | {contender.Kind} | |{string.Concat(Enumerable.Repeat(" |", result.Plan.Scenarios.Count))} | | | skipped: {skipped.Reason} |");
                continue;
            }

            foreach (var size in result.Plan.Sizes)
            {
                var rows = result.Rows.Where(r => r.Transport == contender.Name && r.PayloadBytes == size).ToList();
                if (rows.Count == 0)
                {
                    continue;
                }

                var latency = rows.FirstOrDefault(r => r.Scenario == Scenario.Latency.Name);
                text.Append(CultureInfo.InvariantCulture, $"| {contender.Name} | {contender.Kind} | {Charts.FormatSize(size)} |");
                foreach (var scenario in result.Plan.Scenarios)
                {
                    text.Append(' ').Append(Number(rows.FirstOrDefault(r => r.Scenario == scenario.Name)?.MessagesPerSecond, "N0")).Append(" |");
                }

                var notes = string.Join("; ", rows.Select(r => r.Note).OfType<string>().Distinct());
                text.AppendLine(CultureInfo.InvariantCulture, $" {Number(latency?.P50Microseconds, "N1")} | {Number(latency?.P99Microseconds, "N1")} | {Number(latency?.P999Microseconds, "N1")} | {notes} |");
            }
        }

        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
