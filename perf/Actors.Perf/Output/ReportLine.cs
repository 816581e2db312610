using Actors.Perf.Measurement;

namespace Actors.Perf.Output;

/// <summary>
/// One line of the human-readable tables (terminal and Markdown): a contender at one payload size with
/// its scenarios side by side, or a skipped contender with its reason. The round trip under bulk has a
/// table of its own (<see cref="UnderBulkLine"/>).
/// </summary>
/// <param name="Rates">Messages (or round trips) per second, one per scenario of <see cref="TabledScenarios"/>, in order.</param>
public sealed record ReportLine(
    ContenderInfo Contender,
    string? SkipReason,
    int? PayloadBytes,
    IReadOnlyList<double?> Rates,
    ResultRow? Latency,
    string Notes)
{
    public static IEnumerable<ReportLine> Of(SuiteResult result)
    {
        foreach (var contender in result.Contenders)
        {
            if (result.Skipped.FirstOrDefault(s => s.Contender == contender) is { } skipped)
            {
                yield return new ReportLine(contender, skipped.Reason, null, TabledScenarios(result.Plan).Select(_ => (double?)null).ToList(), null, "");
                continue;
            }

            foreach (var size in result.Plan.Sizes)
            {
                var rows = result.Rows.Where(r => r.Transport == contender.Name && r.PayloadBytes == size && Scenario.Find(r.Scenario) is { UnderBulk: false }).ToList();
                if (rows.Count > 0)
                {
                    yield return new ReportLine(
                        contender,
                        null,
                        size,
                        TabledScenarios(result.Plan).Select(s => rows.FirstOrDefault(r => r.Scenario == s.Name)?.MessagesPerSecond).ToList(),
                        rows.FirstOrDefault(r => r.Scenario == Scenario.Latency.Name),
                        string.Join("; ", rows.Select(r => r.Note).OfType<string>().Distinct()));
                }
            }
        }
    }

    /// <summary>The scenarios this table shows side by side: all but the round trip under bulk.</summary>
    public static IReadOnlyList<Scenario> TabledScenarios(RunPlan plan) => plan.Scenarios.Where(s => !s.UnderBulk).ToList();

    /// <summary>The column heading of a scenario's rate.</summary>
    public static string Heading(Scenario scenario) =>
        scenario.IsLatency ? "round trips/s" : $"{scenario.Pairs} pair{(scenario.Pairs > 1 ? "s" : "")} msg/s";
}
