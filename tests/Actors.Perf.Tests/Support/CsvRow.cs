using System.Globalization;

namespace Actors.Perf.Tests.Support;

/// <summary>One parsed line of results.csv; a number is null where the field is empty.</summary>
public sealed record CsvRow(
    string Transport, string Scenario, int PayloadBytes, long? Messages, double? Seconds,
    double? MessagesPerSecond, double? P50, double? P99, double? P999, double? IdleP50, double? IdleP99, double? P99VsIdle)
{
    public static IReadOnlyList<CsvRow> ReadAll(string path, out string header)
    {
        var lines = File.ReadAllLines(path);
        header = lines[0];
        return lines.Skip(1).Select(Parse).ToList();
    }

    private static CsvRow Parse(string line)
    {
        var fields = line.Split(',');
        Assert.True(fields.Length == 12, $"expected 12 fields: {line}");
        return new CsvRow(
            fields[0],
            fields[1],
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            fields[3].Length == 0 ? null : long.Parse(fields[3], CultureInfo.InvariantCulture),
            Number(fields[4]),
            Number(fields[5]),
            Number(fields[6]),
            Number(fields[7]),
            Number(fields[8]),
            Number(fields[9]),
            Number(fields[10]),
            Number(fields[11]));
    }

    private static double? Number(string field) =>
        field.Length == 0 ? null : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
