using System.CommandLine;
using Actors.Remote.Configuration;
using PingPong;

// PingPong: two processes play ping-pong over the transport a HOCON file configures.
// dotnet run -c Release --project samples/PingPong -- --config HOCON/uds.conf --messages 100000

var config = new Option<FileInfo>("--config")
{
    Description = "The HOCON file that configures both processes (for example HOCON/uds.conf).",
    Required = true,
}.AcceptExistingOnly();

var messages = new Option<int>("--messages")
{
    Description = "How many pings to send; each is answered by a pong.",
    DefaultValueFactory = _ => 100_000,
};
messages.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < 1)
    {
        result.AddError("--messages must be at least 1");
    }
});

var window = new Option<int>("--window")
{
    Description = "How many pings may be in flight at once.",
    DefaultValueFactory = _ => 100,
};
window.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < 1)
    {
        result.AddError("--window must be at least 1");
    }
});

var anonymousPipe = new Option<bool>("--anonymous-pipe")
{
    Description = "Start the partner as a child over an anonymous pipe pair (akka.apipe) instead of the config's transport.",
};

var partner = new Option<bool>("--partner")
{
    Description = "Run as the answering partner (the sample starts it itself).",
    Hidden = true,
};

var root = new RootCommand("Ping-pong between two processes over an Actors transport.") { config, messages, window, anonymousPipe, partner };
root.SetAction((parseResult, cancellationToken) => ConfigurationErrors.ReportAsync(async () =>
{
    var sampleConfig = new SampleConfig(parseResult.GetRequiredValue(config), parseResult.GetValue(anonymousPipe));
    return parseResult.GetValue(partner)
        ? await Partner.RunAsync(sampleConfig)
        : await Pinger.RunAsync(sampleConfig, parseResult.GetValue(messages), parseResult.GetValue(window), cancellationToken);
}));

return await root.Parse(args).InvokeAsync();
