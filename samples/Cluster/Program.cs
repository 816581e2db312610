using System.CommandLine;
using Actors.Remote.Configuration;
using ClusterSample;

// Cluster: a cluster of processes on this machine counts the words of a text together; one member is
// killed part-way, the cluster downs it, and the work still finishes, every chunk counted once.
// dotnet run -c Release --project samples/Cluster -- --nodes 3 --config HOCON/cluster.conf

var config = new Option<FileInfo>("--config")
{
    Description = "The HOCON file of every member (default: cluster.conf shipped beside the program).",
    DefaultValueFactory = _ => new FileInfo(Path.Combine(AppContext.BaseDirectory, "HOCON", "cluster.conf")),
}.AcceptExistingOnly();

var nodes = new Option<int>("--nodes") { Description = "How many member processes, this one included.", DefaultValueFactory = _ => 3 };
nodes.Validators.Add(r =>
{
    if (r.GetValueOrDefault<int>() is < 3 or > 16)
    {
        r.AddError("--nodes must be between 3 and 16 (one member is killed, and a majority must stay)");
    }
});

var chunks = new Option<int>("--chunks") { Description = "How many chunks of text the work is cut into.", DefaultValueFactory = _ => 300 };
chunks.Validators.Add(r =>
{
    if (r.GetValueOrDefault<int>() < 3)
    {
        r.AddError("--chunks must be at least 3");
    }
});

var workMs = new Option<int>("--work-ms")
{
    Description = "Milliseconds each chunk takes on top of the counting, standing in for real work so the kill lands mid-way.",
    DefaultValueFactory = _ => 10,
};
var seeds = new Option<string[]>("--seed")
{
    Description = "A seed node to join (repeatable), e.g. akka.atcp://cluster@10.0.0.1:2552; default: this process is the first seed.",
    AllowMultipleArgumentsPerToken = true,
};
seeds.Validators.Add(r =>
{
    foreach (var seed in r.GetValueOrDefault<string[]>() ?? [])
    {
        if (!Akka.Actor.Address.TryParse(seed, out var address) || address.Host is null || address.Port is null)
        {
            r.AddError($"--seed '{seed}' is not the address of a cluster member, such as akka.atcp://cluster@10.0.0.1:2552");
        }
    }
});
var verbose = new Option<bool>("--verbose") { Description = "Show Akka's own log (INFO and above) as well." };
var member = new Option<bool>("--member") { Description = "Run as a plain member that joins --seed and counts words until stopped." };

var root = new RootCommand("A cluster of processes shares a word count; one member is killed, downed, and the work still finishes.")
{
    config, nodes, chunks, workMs, seeds, verbose, member,
};
root.SetAction(parseResult => ConfigurationErrors.ReportAsync(async () =>
{
    var settings = new SampleSettings(
        parseResult.GetRequiredValue(config),
        parseResult.GetValue(seeds) ?? [],
        parseResult.GetValue(verbose),
        TimeSpan.FromMilliseconds(parseResult.GetValue(workMs)));
    return parseResult.GetValue(member)
        ? await Member.RunAsync(settings)
        : await Coordinator.RunAsync(settings, parseResult.GetValue(nodes), parseResult.GetValue(chunks));
}));

return await root.Parse(args).InvokeAsync();
