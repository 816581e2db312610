using Actors.Perf.Measurement;

namespace Actors.Perf.Cli;

/// <summary>Parses <c>--scenarios</c>: scenario names, comma-separated.</summary>
public static class ScenarioSelection
{
    public static IReadOnlyList<Scenario> Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Scenario.All;
        }

        var wanted = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Where(w => Scenario.Find(w) is null).ToList();
        if (unknown.Count > 0)
        {
            error = $"--scenarios: unknown {string.Join(", ", unknown)}; known: {string.Join(", ", Scenario.All.Select(s => s.Name))}";
            return [];
        }

        return Scenario.All.Where(s => wanted.Any(w => string.Equals(s.Name, w, StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
