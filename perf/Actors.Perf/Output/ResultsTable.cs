using System.Globalization;
using Spectre.Console;
using Actors.Perf.Measurement;

namespace Actors.Perf.Output;

/// <summary>The final table in the terminal: one line per contender and size, the scenarios side by side.</summary>
public static class ResultsTable
{
    public static Table Build(SuiteResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Actors perf suite[/]");
        table.AddColumn(new TableColumn("transport").NoWrap());
        table.AddColumn("kind");
        table.AddColumn(new TableColumn("payload").RightAligned().NoWrap());
        foreach (var scenario in result.Plan.Scenarios)
        {
            table.AddColumn(new TableColumn(ReportLine.Heading(scenario)).RightAligned().NoWrap());
        }

        foreach (var heading in new[] { "p50 µs", "p99 µs", "p99.9 µs" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned().NoWrap());
        }

        table.AddColumn("note");
        foreach (var line in ReportLine.Of(result))
        {
            var note = line.SkipReason is { } reason ? $"[grey]skipped: {Markup.Escape(reason)}[/]"
                : line.Notes.Length > 0 ? $"[yellow]{Markup.Escape(line.Notes)}[/]"
                : "";
            table.AddRow([
                Markup.Escape(line.Contender.Name),
                line.Contender.Kind,
                line.PayloadBytes is { } size ? Charts.FormatSize(size) : "",
                .. line.Rates.Select(rate => Number(rate, "N0", line.SkipReason is null)),
                Number(line.Latency?.P50Microseconds, "N1", line.SkipReason is null),
                Number(line.Latency?.P99Microseconds, "N1", line.SkipReason is null),
                Number(line.Latency?.P999Microseconds, "N1", line.SkipReason is null),
                note,
            ]);
        }

        return table;
    }

    private static string Number(double? value, string format, bool measured) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? (measured ? "[grey]-[/]" : "");
}
