using System.Text.Json;
using Actors.Perf.Measurement;

namespace Actors.Perf.Output;

/// <summary>results.json: the machine, the plan, every contender (with why one was skipped) and every row with its note.</summary>
public static class JsonReport
{
    public const string FileName = "results.json";

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static string Write(string directory, SuiteResult result, MachineInfo machine, DateTimeOffset started)
    {
        var document = new
        {
            Started = started,
            Machine = machine,
            Plan = new
            {
                result.Plan.Sizes,
                Scenarios = result.Plan.Scenarios.Select(s => s.Name),
                Budget = result.Plan.Budget.ToString(),
                WarmUp = result.Plan.WarmUp.ToString(),
            },
            Contenders = result.Contenders.Select(c => new
            {
                c.Name,
                c.Kind,
                c.Description,
                Skipped = result.Skipped.FirstOrDefault(s => s.Contender == c)?.Reason,
            }),
            result.Rows,
        };
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(document, s_options));
        return path;
    }
}
