using System.Globalization;

namespace Actors.Perf.Cli;

/// <summary>Parses <c>--sizes</c>: comma-separated byte counts, with an optional KiB or MiB suffix (16,1KiB,64KiB).</summary>
public static class SizeList
{
    public static IReadOnlyList<int> Parse(string text, out string? error)
    {
        var sizes = new List<int>();
        error = null;
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (digits, unit) = item.EndsWith("KiB", StringComparison.OrdinalIgnoreCase) ? (item[..^3], 1024L)
                : item.EndsWith("MiB", StringComparison.OrdinalIgnoreCase) ? (item[..^3], 1024L * 1024)
                : (item, 1L);
            if (!long.TryParse(digits.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count * unit is < 1 or > 64L * 1024 * 1024)
            {
                error = $"--sizes: '{item}' is not a payload size from 1 B to 64 MiB (write e.g. 16,1KiB,64KiB)";
                return [];
            }

            sizes.Add((int)(count * unit));
        }

        if (sizes.Count == 0)
        {
            error = "--sizes: give at least one size (e.g. 16,1KiB,64KiB)";
        }

        return sizes.Distinct().ToList();
    }
}
