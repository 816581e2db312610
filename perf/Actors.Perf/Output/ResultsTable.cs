using System.Globalization;
using Actors.Perf.Measurement;
using Spectre.Console;

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
            table.AddColumn(new TableColumn(scenario.IsLatency ? "round trips/s" : $"{scenario.Pairs} pair{(scenario.Pairs > 1 ? "s" : "")} msg/s").RightAligned().NoWrap());
        }

        table.AddColumn(new TableColumn("p50 µs").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("p99 µs").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("p99.9 µs").RightAligned().NoWrap());
        table.AddColumn("note");

        foreach (var contender in result.Contenders)
        {
            if (result.Skipped.FirstOrDefault(s => s.Contender == contender) is { } skipped)
            {
                table.AddRow([Markup.Escape(contender.Name), contender.Kind, "", .. result.Plan.Scenarios.Select(_ => ""), "", "", "", $"[grey]skipped: {Markup.Escape(skipped.Reason)}[/]"]);
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
                var notes = string.Join("; ", rows.Select(r => r.Note).OfType<string>().Distinct());
                table.AddRow([
                    Markup.Escape(contender.Name),
                    contender.Kind,
                    Charts.FormatSize(size),
                    .. result.Plan.Scenarios.Select(s => Number(rows.FirstOrDefault(r => r.Scenario == s.Name)?.MessagesPerSecond, "N0")),
                    Number(latency?.P50Microseconds, "N1"),
                    Number(latency?.P99Microseconds, "N1"),
                    Number(latency?.P999Microseconds, "N1"),
                    notes.Length == 0 ? "" : $"[yellow]{Markup.Escape(notes)}[/]",
                ]);
            }
        }

        return table;
    }

    private static string Number(double? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "[grey]-[/]";
}
