using System.Diagnostics;
using Actors.Hosting;
using Actors.Remote.Diagnostics;
using Actors.Supervision;
using Akka.Actor;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Hosting;

/// <summary>The front: supervises two worker processes, sends them jobs through their proxies and counts the answers.</summary>
internal static class Front
{
    private static readonly string[] s_workers = ["worker-1", "worker-2"];
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(int jobs, bool withAkkaRemoting, bool providerFromHocon, bool exportMetrics)
    {
        var peers = s_workers.Select(name => new PeerSpec(name, ProgramStartInfo.ThisProgram(), ["--worker", "--name", name])
        {
            TargetPath = $"user/{JobWorker.Name}",
        });
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka("front", akka =>
        {
            akka.ConfigureLoggers(loggers => loggers.LogLevel = Akka.Event.LogLevel.WarningLevel)
                .WithActorsRemoting(options =>
                {
                    options.Transport = ActorsTransport.Uds;
                    options.SetProvider = !providerFromHocon;
                })
                .WithActors((system, _) => system.ActorOf(Props.Create(() => new PeerEventPrinter()), "events"))
                .WithProcessSupervisor(peers);
            if (providerFromHocon)
            {
                // The provider as the shipped HOCON files set it: a later WithRemoting() replaces this one.
                akka.AddHocon($"akka.actor.provider = \"{ProviderCheck.RemoteProvider}\"", HoconAddMode.Append);
            }

            if (withAkkaRemoting)
            {
                // Akka.Remote.Hosting keeps a provider set by WithActorsRemoting, and replaces one set in HOCON:
                // then our transports warn at start, naming the provider found and the one to use.
                akka.WithRemoting("127.0.0.1", 0);
            }
        });
        if (exportMetrics)
        {
            // Our meters through OpenTelemetry to the console, printed as the host is disposed.
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(RemoteMetrics.MeterName, SupervisionMetrics.MeterName)
                .AddConsoleExporter());
        }

        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        Console.WriteLine($"front: {system.Name} at {((ExtendedActorSystem)system).Provider.DefaultAddress}, provider {((ExtendedActorSystem)system).Provider.GetType().Name}");
        var clock = Stopwatch.StartNew();
        var processed = 0;
        try
        {
            processed = await SendJobsAsync(host.Services.GetRequiredService<ActorRegistry>(), jobs);
        }
        finally
        {
            // Stopping the host stops the supervisor, which stops its workers; disposing it here, not at the
            // end of the method, lets the metrics exporter print its last export before our last lines.
            await host.StopAsync();
            host.Dispose();
        }

        Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"jobs={jobs} processed={processed} workers={s_workers.Length}");
        return processed == jobs ? 0 : 1;
    }

    private static async Task<int> SendJobsAsync(ActorRegistry registry, int jobs)
    {
        var supervisor = await registry.GetAsync<ProcessSupervisorKey>();
        var proxies = new List<IActorRef>();
        foreach (var name in s_workers)
        {
            var status = await supervisor.Ask<ProcessSupervisor.PeerStatus>(new ProcessSupervisor.GetPeer(name), s_answerTimeout);
            proxies.Add(status.Proxy);
        }

        // Proxies hold jobs while their worker starts, so sending can begin at once.
        var answers = await Task.WhenAll(Enumerable.Range(1, jobs)
            .Select(id => proxies[id % proxies.Count].Ask<JobDone>(new Job(id, id), s_answerTimeout)));
        foreach (var perWorker in answers.GroupBy(a => a.Worker).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"{perWorker.Key}: {perWorker.Count()} jobs, sum of squares {perWorker.Sum(a => a.Result)}");
        }

        return answers.Count(a => a.Result == (long)a.Id * a.Id);
    }
}
