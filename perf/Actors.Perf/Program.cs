using System.CommandLine;
using Actors.Perf.Cli;
using Actors.Perf.Contenders;
using Actors.Perf.Measurement;
using Actors.Perf.Partner;

// The cross-process perf suite: every transport of ours, Akka's DotNetty, the Akka.Remote ceiling,
// Proto.Actor and raw OS baselines, one run, as a table, CSV, JSON and charts.
// dotnet run -c Release --project perf/Actors.Perf -- --quick

var quick = new Option<bool>("--quick")
{
    Description = "A short run (each point 0.4 s after a 0.2 s warm-up): under 2 minutes for everything.",
};
var transports = new Option<string?>("--transports")
{
    Description = "Which contenders, comma-separated names or kinds (ours, akka, ceiling, proto, raw); default all.",
};
var sizes = new Option<string>("--sizes")
{
    Description = "Payload sizes, comma-separated, in bytes or with KiB/MiB.",
    DefaultValueFactory = _ => "16,1KiB,64KiB",
};
var scenarios = new Option<string?>("--scenarios")
{
    Description = "Which scenarios, comma-separated (throughput-1pair, throughput-4pairs, latency, latency-under-bulk); default all.",
};
var duration = new Option<double?>("--duration")
{
    Description = "Seconds measured per point (after a warm-up half as long); default 2, or 0.4 with --quick.",
};
var messages = new Option<long?>("--messages")
{
    Description = "Measure this many messages per point instead of a time (tiny runs that check the suite works).",
};
var outDirectory = new Option<string>("--out")
{
    Description = "Where results.csv, results.json, results.md and the charts go.",
    DefaultValueFactory = _ => Path.Combine("perf", "results"),
};

var root = new RootCommand("Actors perf suite: throughput and latency of every transport and the peers people would pick instead.")
{
    quick, transports, scenarios, sizes, duration, messages, outDirectory,
};
duration.Validators.Add(result =>
{
    if (result.GetValueOrDefault<double?>() is <= 0)
    {
        result.AddError("--duration must be more than 0 seconds");
    }
});
messages.Validators.Add(result =>
{
    if (result.GetValueOrDefault<long?>() is < 1)
    {
        result.AddError("--messages must be at least 1");
    }
});
sizes.Validators.Add(result =>
{
    SizeList.Parse(result.GetValueOrDefault<string>() ?? "", out var error);
    if (error is not null)
    {
        result.AddError(error);
    }
});
transports.Validators.Add(result =>
{
    ContenderSelection.Parse(result.GetValueOrDefault<string?>(), out var error);
    if (error is not null)
    {
        result.AddError(error);
    }
});
scenarios.Validators.Add(result =>
{
    ScenarioSelection.Parse(result.GetValueOrDefault<string?>(), out var error);
    if (error is not null)
    {
        result.AddError(error);
    }
});
root.SetAction(async (parseResult, cancellationToken) =>
{
    var budget = parseResult.GetValue(messages) is { } count
        ? Budget.ForMessages(count)
        : Budget.ForTime(TimeSpan.FromSeconds(parseResult.GetValue(duration) ?? (parseResult.GetValue(quick) ? 0.4 : 2.0)));
    // --quick runs the round trip under bulk (a partner of its own per contender) for a few contenders only.
    var plan = new RunPlan(
        SizeList.Parse(parseResult.GetValue(sizes)!, out _),
        ScenarioSelection.Parse(parseResult.GetValue(scenarios), out _),
        budget,
        WarmUpFraction: 0.5,
        parseResult.GetValue(quick) ? RunPlan.QuickUnderBulkContenders : null);
    var contenders = ContenderSelection.Parse(parseResult.GetValue(transports), out _);
    return await SuiteCommand.RunAsync(contenders, plan, Path.GetFullPath(parseResult.GetValue(outDirectory)!), cancellationToken);
});

// The partner side: the suite starts this program again with these arguments.
var contenderName = new Option<string>("--contender") { Required = true };
var argument = new Option<string?>("--argument");
var partner = new Command(ThisProgram.PartnerCommand, "Run as a contender's partner process (the suite starts it itself).")
{
    contenderName, argument,
};
partner.Hidden = true;
partner.SetAction(async (parseResult, cancellationToken) =>
{
    var name = parseResult.GetValue(contenderName)!;
    var contender = ContenderCatalog.Find(name);
    if (contender is null)
    {
        await Console.Error.WriteLineAsync($"no contender called {name}");
        return 2;
    }

    return await contender.RunPartnerAsync(parseResult.GetValue(argument), cancellationToken);
});
root.Subcommands.Add(partner);

return await root.Parse(args).InvokeAsync();
