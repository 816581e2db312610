using System.CommandLine;
using Actors.Remote.Configuration;
using Queue;

// Queue: a durable queue between a producer and a consumer process, each SIGKILLed once, nothing lost.
// dotnet run -c Release --project samples/Queue [-- --directory DIR | --postgres CONNECTION-STRING]

var config = new Option<FileInfo>("--config")
{
    Description = "The HOCON file of every process (default: the uds config shipped beside the program).",
    DefaultValueFactory = _ => new FileInfo(Path.Combine(AppContext.BaseDirectory, "HOCON", "uds.conf")),
}.AcceptExistingOnly();
var messages = new Option<long>("--messages") { Description = "How many orders to queue.", DefaultValueFactory = _ => 3000 };
messages.Validators.Add(r =>
{
    if (r.GetValueOrDefault<long>() < 6)
    {
        r.AddError("--messages must be at least 6 (the producer is killed after a third, the consumer after half)");
    }
});
var directory = new Option<DirectoryInfo?>("--directory") { Description = "Keep the SQLite queue (queue.db) in this directory (default: a new temporary one, removed at the end)." };
var postgres = new Option<string?>("--postgres") { Description = "Keep the queue on this PostgreSQL server instead (an Npgsql connection string)." };
var producer = new Option<bool>("--producer") { Hidden = true };
var consumer = new Option<bool>("--consumer") { Hidden = true };
var producerId = new Option<string>("--producer-id") { Hidden = true, DefaultValueFactory = _ => "orders" };
var pauseAt = new Option<long>("--pause-at") { Hidden = true };

var root = new RootCommand("A producer and a consumer process over a durable queue; each is killed once and no order is lost.")
{
    config, messages, directory, postgres, producer, consumer, producerId, pauseAt,
};
root.SetAction(r => ConfigurationErrors.ReportAsync(async () =>
{
    var file = r.GetRequiredValue(config);
    if (r.GetValue(producer))
    {
        var storage = Storage.Settings(r.GetValue(directory), r.GetValue(postgres));
        return await ChildProcesses.RunProducerAsync(file, storage, r.GetRequiredValue(producerId), r.GetValue(messages), r.GetValue(pauseAt));
    }

    return r.GetValue(consumer)
        ? await ChildProcesses.RunConsumerAsync(file)
        : await Coordinator.RunAsync(file, r.GetValue(messages), r.GetValue(directory), r.GetValue(postgres));
}));

return await root.Parse(args).InvokeAsync();
