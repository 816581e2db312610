using System.Globalization;
using Actors.Perf.Measurement;

namespace Actors.Perf.Output;

/// <summary>Progress for a terminal that is not interactive (CI, a test, a pipe): one line per point.</summary>
public sealed class LineProgress(TextWriter output) : ISuiteProgress
{
    public void Starting(ContenderInfo contender, Scenario scenario, int payloadBytes)
    {
    }

    public void Finished(ResultRow row) => output.WriteLine(row.Measured
        ? string.Create(CultureInfo.InvariantCulture, $"{row.Transport} {row.Scenario} {row.PayloadBytes} B: {row.MessagesPerSecond:0} msg/s{(row.P50Microseconds is { } p50 ? $", p50 {p50:0.0} us" : "")}")
        : $"{row.Transport} {row.Scenario} {row.PayloadBytes} B: not measured: {row.Note}");

    public void Skipped(ContenderInfo contender, string reason, int points) =>
        output.WriteLine($"{contender.Name} skipped: {reason}");
}
