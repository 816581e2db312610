using Actors.Perf.Measurement;

namespace Actors.Perf.Output;

/// <summary>
/// One line of the round-trip-under-bulk table: a contender's idle round trip and the same round trip
/// while large messages stream over its association, both from one session, and their p99 ratio. The
/// number of round trips timed under bulk is shown: when a large message holds each one up, a time
/// budget gets few of them, and the percentiles say less.
/// </summary>
public sealed record UnderBulkLine(
    string Contender,
    long? RoundTrips,
    double? IdleP50Microseconds,
    double? IdleP99Microseconds,
    double? P50Microseconds,
    double? P99Microseconds,
    double? P99VsIdle,
    string Note)
{
    /// <summary>The table's title, naming the sizes.</summary>
    public static string Title(Scenario scenario) =>
        $"{Charts.FormatSize(Scenario.ProbeBytes)} round trip while one sender streams {Charts.FormatSize(scenario.BulkPayloadBytes!.Value)} messages over the same association";

    public static readonly string[] Headings = ["transport", "round trips under bulk", "idle p50 µs", "idle p99 µs", "under bulk p50 µs", "under bulk p99 µs", "p99 ÷ idle p99", "note"];

    /// <summary>The table's lines: every contender's row but those passed over (see <see cref="PassedOver"/>).</summary>
    public static IEnumerable<UnderBulkLine> Of(SuiteResult result) =>
        Rows(result)
            .Where(r => !IsPassedOver(r))
            .Select(r => new UnderBulkLine(r.Transport, r.Messages, r.IdleP50Microseconds, r.IdleP99Microseconds, r.P50Microseconds, r.P99Microseconds, r.P99VsIdle, r.Note ?? ""));

    /// <summary>"passed over (--quick): a, b, c", one line under the table for the contenders this run left out; null when none.</summary>
    public static string? PassedOver(SuiteResult result)
    {
        var names = Rows(result).Where(IsPassedOver).Select(r => r.Transport).ToList();
        return names.Count == 0 ? null : $"{ResultRow.PassedOverNote} (--quick): {string.Join(", ", names)}";
    }

    private static IEnumerable<ResultRow> Rows(SuiteResult result) =>
        result.Rows.Where(r => Scenario.Find(r.Scenario) is { UnderBulk: true });

    private static bool IsPassedOver(ResultRow row) => row.Note?.StartsWith(ResultRow.PassedOverNote, StringComparison.Ordinal) == true;
}
