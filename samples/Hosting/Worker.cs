using Actors.Hosting;
using Actors.Supervision;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hosting;

/// <summary>A worker process: started by the front's supervisor with --worker, it answers jobs until its parent stops it.</summary>
internal static class Worker
{
    public static async Task<int> RunAsync(string name)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka(name, akka => akka
            .ConfigureLoggers(loggers => loggers.LogLevel = Akka.Event.LogLevel.WarningLevel)
            .WithActorsRemoting(options => options.Transport = ActorsTransport.Uds)
            .WithActors((system, _) => system.ActorOf(Props.Create(() => new JobWorker(name)), JobWorker.Name))
            .AddStartup((system, _) =>
            {
                // The supervisor closes our stdin to stop us; the ready line tells it our address.
                ParentLink.TerminateWhenParentCloses(system);
                ParentLink.AnnounceReady(system);
            }));
        await builder.Build().RunAsync();
        return 0;
    }
}
