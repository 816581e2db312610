using Actors.Perf.Contenders;
using Actors.Perf.Measurement;
using Actors.Perf.Output;
using Spectre.Console;

namespace Actors.Perf.Cli;

/// <summary>A whole run: measure, show the table, write results.csv, results.json and the charts.</summary>
public static class SuiteCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<IContender> contenders, RunPlan plan, string outDirectory, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        if (!AnsiConsole.Profile.Capabilities.Interactive && Console.IsOutputRedirected)
        {
            // A log or a pipe has no width; 80 columns would wrap the table's numbers.
            AnsiConsole.Profile.Width = 160;
        }

        var machine = MachineInfo.Current();
        var runner = new SuiteRunner(plan, contenders);
        AnsiConsole.MarkupLine($"[bold]machine[/]  {Markup.Escape(machine.ToString())}");
        AnsiConsole.MarkupLine($"[bold]plan[/]     {contenders.Count} contenders × {plan.Scenarios.Count} scenarios × {plan.Sizes.Count} sizes; each point {Markup.Escape(plan.Budget.ToString())} after a {Markup.Escape(plan.WarmUp.ToString())} warm-up");

        SuiteResult result;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            result = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("starting", maxValue: contenders.Count * runner.PointsPerContender);
                    return await runner.RunAsync(new LiveProgress(task), cancellationToken);
                });
        }
        else
        {
            result = await runner.RunAsync(new LineProgress(Console.Out), cancellationToken);
        }

        AnsiConsole.Write(ResultsTable.Build(result));

        Directory.CreateDirectory(outDirectory);
        var written = new List<string>
        {
            CsvReport.Write(outDirectory, result.Rows),
            JsonReport.Write(outDirectory, result, machine, started),
            MarkdownReport.Write(outDirectory, result, machine, started),
        };
        written.AddRange(Charts.Write(outDirectory, result));
        foreach (var path in written)
        {
            AnsiConsole.MarkupLine($"wrote    {Markup.Escape(Path.GetRelativePath(Environment.CurrentDirectory, path))}");
        }

        var failed = result.Rows.Where(r => r.Failed).ToList();
        var elapsed = DateTimeOffset.UtcNow - started;
        AnsiConsole.MarkupLine($"points   {result.Rows.Count(r => r.Measured)} measured, {failed.Count} failed, {result.Skipped.Count} contenders skipped; {elapsed.TotalSeconds:0} s");
        return failed.Count == 0 ? 0 : 1;
    }
}
