using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Actors.Perf.Measurement;

namespace Actors.Perf.Output;

/// <summary>
/// The final display in the terminal: one table line per contender and size with the scenarios side by
/// side, then the notes (skips, failures, sizes not carried) as lines below, so the table stays narrow.
/// </summary>
public static class ResultsTable
{
    public static IRenderable Build(SuiteResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Actors perf suite[/]");
        table.AddColumn(new TableColumn("transport").NoWrap());
        table.AddColumn(new TableColumn("payload").RightAligned().NoWrap());
        foreach (var scenario in ReportLine.TabledScenarios(result.Plan))
        {
            table.AddColumn(new TableColumn(ReportLine.Heading(scenario)).RightAligned());
        }

        foreach (var heading in new[] { "p50 µs", "p99 µs", "p99.9 µs" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        var notes = new List<string>();
        foreach (var line in ReportLine.Of(result))
        {
            if (line.SkipReason is { } reason)
            {
                notes.Add($"[grey]{Markup.Escape(line.Contender.Name)} skipped: {Markup.Escape(reason)}[/]");
                continue;
            }

            var size = Charts.FormatSize(line.PayloadBytes!.Value);
            if (line.Notes.Length > 0)
            {
                notes.Add($"[yellow]{Markup.Escape(line.Contender.Name)} {size}: {Markup.Escape(line.Notes)}[/]");
            }

            table.AddRow([
                Markup.Escape(line.Contender.Name),
                size,
                .. line.Rates.Select(rate => Number(rate, "N0")),
                Number(line.Latency?.P50Microseconds, "N1"),
                Number(line.Latency?.P99Microseconds, "N1"),
                Number(line.Latency?.P999Microseconds, "N1"),
            ]);
        }

        var renderables = new List<IRenderable>();
        if (ReportLine.TabledScenarios(result.Plan).Count > 0)
        {
            renderables.Add(table);
        }

        renderables.AddRange(notes.Select(note => new Markup(note)));
        foreach (var scenario in result.Plan.Scenarios.Where(s => s.UnderBulk))
        {
            renderables.Add(UnderBulkTable(result, scenario));
            if (UnderBulkLine.PassedOver(result) is { } passedOver)
            {
                renderables.Add(new Markup($"[grey]{Markup.Escape(passedOver)}[/]"));
            }
        }

        return new Rows(renderables);
    }

    private static Table UnderBulkTable(SuiteResult result, Scenario scenario)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(UnderBulkLine.Title(scenario))}[/]");
        table.AddColumn(new TableColumn(UnderBulkLine.Headings[0]).NoWrap());
        foreach (var heading in UnderBulkLine.Headings[1..^1])
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        table.AddColumn(new TableColumn(UnderBulkLine.Headings[^1]));
        foreach (var line in UnderBulkLine.Of(result))
        {
            table.AddRow(
                Markup.Escape(line.Contender),
                Number(line.RoundTrips, "N0"),
                Number(line.IdleP50Microseconds, "N1"),
                Number(line.IdleP99Microseconds, "N1"),
                Number(line.P50Microseconds, "N1"),
                Number(line.P99Microseconds, "N1"),
                Number(line.P99VsIdle, "N1"),
                $"[grey]{Markup.Escape(line.Note)}[/]");
        }

        return table;
    }

    private static string Number(long? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "[grey]-[/]";

    private static string Number(double? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "[grey]-[/]";
}
