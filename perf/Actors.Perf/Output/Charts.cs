using Actors.Perf.Measurement;
using ScottPlot;

namespace Actors.Perf.Output;

/// <summary>
/// PNG bar charts: per contender, one bar per payload size. The value axis is logarithmic, because the
/// raw baselines and the actor contenders are orders of magnitude apart.
/// </summary>
public static class Charts
{
    private const int Width = 1400;
    private const int Height = 700;

    /// <summary>Writes the charts; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, SuiteResult result)
    {
        var written = new List<string>();
        // The round trip under bulk is one point per contender with its idle twin: its table says it better than bars.
        foreach (var scenario in result.Plan.Scenarios.Where(s => !s.UnderBulk))
        {
            var (file, title, label, value) = scenario.IsLatency
                ? ("latency.png", "Round-trip latency p50, one request in flight (lower is better)", "microseconds (log scale)", (Func<ResultRow, double?>)(r => r.P50Microseconds))
                : ($"{scenario.Name}.png", $"One-way throughput, {scenario.Pairs} pair{(scenario.Pairs > 1 ? "s" : "")} (higher is better)", "messages per second (log scale)", r => r.MessagesPerSecond);
            var path = Path.Combine(directory, file);
            Draw(result, scenario, title, label, value, path);
            written.Add(path);
        }

        return written;
    }

    private static void Draw(SuiteResult result, Scenario scenario, string title, string label, Func<ResultRow, double?> value, string path)
    {
        var sizes = result.Plan.Sizes;
        var contenders = result.Contenders
            .Where(c => result.Rows.Any(r => r.Transport == c.Name && r.Scenario == scenario.Name && value(r) > 0))
            .ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        var bars = new List<Bar>();
        const double groupWidth = 0.8;
        var barWidth = groupWidth / Math.Max(1, sizes.Count);
        for (var c = 0; c < contenders.Count; c++)
        {
            for (var s = 0; s < sizes.Count; s++)
            {
                var row = result.Rows.FirstOrDefault(r => r.Transport == contenders[c].Name && r.Scenario == scenario.Name && r.PayloadBytes == sizes[s]);
                if (row is not null && value(row) is > 0 and var measured)
                {
                    bars.Add(new Bar
                    {
                        Position = c - groupWidth / 2 + barWidth * (s + 0.5),
                        Value = Math.Log10(measured),
                        Size = barWidth * 0.9,
                        FillColor = palette.GetColor(s),
                    });
                }
            }
        }

        // Bars rise from the power of ten below the smallest value, so differences are not lost in empty space.
        var floor = bars.Count == 0 ? 0 : Math.Floor(bars.Min(b => b.Value));
        var top = bars.Count == 0 ? 1 : Math.Ceiling(bars.Max(b => b.Value) + 0.1);
        foreach (var bar in bars)
        {
            bar.ValueBase = floor;
        }

        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => FormatPowerOfTen(y),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, contenders.Count).Select(i => (double)i).ToArray(),
            contenders.Select(c => c.Name).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 120;
        plot.Axes.SetLimitsY(floor, top);
        plot.Title(title);
        plot.YLabel(label);
        for (var s = 0; s < sizes.Count; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = FormatSize(sizes[s]), FillColor = palette.GetColor(s) });
        }

        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
    }

    private static string FormatPowerOfTen(double exponent)
    {
        var value = Math.Pow(10, exponent);
        return value switch
        {
            >= 1_000_000 => $"{value / 1_000_000:0.#}M",
            >= 1_000 => $"{value / 1_000:0.#}k",
            _ => $"{value:0.###}",
        };
    }

    public static string FormatSize(int bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} B",
    };
}
