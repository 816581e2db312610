using Actors.Perf.Measurement;
using Spectre.Console;

namespace Actors.Perf.Output;

/// <summary>The live display: one progress bar over all points, its caption naming the point that runs.</summary>
public sealed class LiveProgress(ProgressTask task) : ISuiteProgress
{
    public void Starting(ContenderInfo contender, Scenario scenario, int payloadBytes) =>
        task.Description = Markup.Escape($"{contender.Name} · {scenario.Name} · {Charts.FormatSize(payloadBytes)}");

    public void Finished(ResultRow row) => task.Increment(1);

    public void Skipped(ContenderInfo contender, string reason, int points)
    {
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(contender.Name)} skipped: {Markup.Escape(reason)}[/]");
        task.Increment(points);
    }
}
