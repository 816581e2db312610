using System.CommandLine;
using Actors.Remote.Configuration;
using Supervision;

// Supervision: a ProcessSupervisor keeps worker processes alive while jobs stream to them.
// dotnet run -c Release --project samples/Supervision

var config = new Option<FileInfo>("--config")
{
    Description = "The HOCON file of every process (default: the uds config shipped beside the program).",
    DefaultValueFactory = _ => new FileInfo(Path.Combine(AppContext.BaseDirectory, "HOCON", "uds.conf")),
}.AcceptExistingOnly();

var workers = new Option<int>("--workers") { Description = "How many worker processes to supervise.", DefaultValueFactory = _ => 3 };
workers.Validators.Add(r =>
{
    if (r.GetValueOrDefault<int>() < 2)
    {
        r.AddError("--workers must be at least 2 (worker-2 is the one killed)");
    }
});

var jobs = new Option<int>("--jobs") { Description = "How many jobs to stream.", DefaultValueFactory = _ => 30_000 };

var worker = new Option<bool>("--worker") { Description = "Run as a worker (the supervisor starts these itself).", Hidden = true };
var name = new Option<string>("--name") { Description = "The worker's name.", Hidden = true, DefaultValueFactory = _ => "worker" };

var root = new RootCommand("Supervised worker processes; one is killed part-way and nothing is lost.") { config, workers, jobs, worker, name };
root.Validators.Add(r =>
{
    if (r.GetValue(jobs) < 3 * r.GetValue(workers))
    {
        r.AddError("--jobs must be at least 3 per worker (worker-2 is killed after a third of its jobs)");
    }
});
root.SetAction(parseResult => ConfigurationErrors.ReportAsync(async () => parseResult.GetValue(worker)
    ? await Worker.RunAsync(parseResult.GetRequiredValue(config), parseResult.GetRequiredValue(name))
    : await Coordinator.RunAsync(parseResult.GetRequiredValue(config), parseResult.GetValue(workers), parseResult.GetValue(jobs))));

return await root.Parse(args).InvokeAsync();
