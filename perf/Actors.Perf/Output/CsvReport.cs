using System.Globalization;
using System.Text;
using Actors.Perf.Measurement;

namespace Actors.Perf.Output;

/// <summary>
/// results.csv: one line per contender × scenario × size; empty numbers where the point was not measured.
/// The idle columns and the ratio are filled for the round trip under bulk only.
/// </summary>
public static class CsvReport
{
    public const string Header = "transport,scenario,payload_bytes,messages,seconds,msgs_per_sec,p50_us,p99_us,p999_us,idle_p50_us,idle_p99_us,p99_vs_idle";

    public const string FileName = "results.csv";

    public static string Write(string directory, IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var row in rows)
        {
            text.AppendJoin(',', [
                row.Transport,
                row.Scenario,
                row.PayloadBytes.ToString(CultureInfo.InvariantCulture),
                row.Messages?.ToString(CultureInfo.InvariantCulture) ?? "",
                Format(row.Seconds, "0.000000"),
                Format(row.MessagesPerSecond, "0"),
                Format(row.P50Microseconds, "0.0"),
                Format(row.P99Microseconds, "0.0"),
                Format(row.P999Microseconds, "0.0"),
                Format(row.IdleP50Microseconds, "0.0"),
                Format(row.IdleP99Microseconds, "0.0"),
                Format(row.P99VsIdle, "0.00"),
            ]).AppendLine();
        }

        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
