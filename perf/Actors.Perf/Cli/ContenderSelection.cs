using Actors.Perf.Contenders;

namespace Actors.Perf.Cli;

/// <summary>Parses <c>--transports</c>: contender names or kinds (ours, akka, ceiling, proto, raw), comma-separated.</summary>
public static class ContenderSelection
{
    public static IReadOnlyList<IContender> Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ContenderCatalog.All;
        }

        var wanted = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Where(w => !ContenderCatalog.All.Any(c => Matches(c, w))).ToList();
        if (unknown.Count > 0)
        {
            error = $"--transports: unknown {string.Join(", ", unknown)}; known: {string.Join(", ", ContenderCatalog.All.Select(c => c.Info.Name))} or a kind (ours, akka, ceiling, proto, raw)";
            return [];
        }

        return ContenderCatalog.All.Where(c => wanted.Any(w => Matches(c, w))).ToList();
    }

    private static bool Matches(IContender contender, string name) =>
        string.Equals(contender.Info.Name, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(contender.Info.Kind, name, StringComparison.OrdinalIgnoreCase);
}
