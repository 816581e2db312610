using System.Diagnostics;
using Actors.Supervision;
using Akka.Actor;
using Akka.Delivery;
using Akka.Util;

namespace Supervision;

/// <summary>
/// The parent process: supervises the workers, streams jobs to them through Akka.Delivery, kills one
/// with SIGKILL a third of the way through, and checks at the end that every job was processed once.
/// </summary>
internal static class Coordinator
{
    private const string VictimName = "worker-2";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(FileInfo config, int workers, int jobs)
    {
        var system = ActorSystem.Create("supervision", SampleConfig.Load(config));
        try
        {
            var done = new TaskCompletionSource<Collector.Summary>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thirdDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var listener = system.ActorOf(Props.Create(() => new Completion(done, thirdDone)), "completion");
            var collector = system.ActorOf(Props.Create(() => new Collector(jobs, listener)), "collector");

            var names = Enumerable.Range(1, workers).Select(i => $"worker-{i}").ToArray();
            var producerControllers = names.Select((name, i) => (name, controller: StartJobStream(system, name, i, workers, jobs)))
                .ToDictionary(p => p.name, p => p.controller);

            var supervisorPath = new RootActorPath(((ExtendedActorSystem)system).Provider.DefaultAddress) / "user" / "workers";
            system.ActorOf(Props.Create(() => new EventPrinter(supervisorPath, producerControllers, collector)), "printer");
            var specs = names.Select(name => new PeerSpec(name, ProgramStartInfo.ThisProgram(), ["--worker", "--name", name, "--config", config.FullName])
            {
                TargetPath = $"user/{WorkerActor.Name}",
            });
            var supervisor = system.ActorOf(ProcessSupervisor.Props(specs, SupervisionStrategy.Default), "workers");
            Console.WriteLine($"supervising {workers} worker processes over {((ExtendedActorSystem)system).Provider.DefaultAddress.Protocol}; {jobs} jobs");

            await thirdDone.Task.WaitAsync(Timeout);
            var victim = await supervisor.Ask<ProcessSupervisor.PeerStatus>(new ProcessSupervisor.GetPeer(VictimName), Timeout);
            Console.WriteLine($"{VictimName}: killing pid {victim.ProcessId} with SIGKILL, a third of the way through");
            var sinceKill = Stopwatch.StartNew();
            using (var process = Process.GetProcessById(victim.ProcessId!.Value))
            {
                process.Kill();
            }

            Collector.Summary summary;
            try
            {
                summary = await done.Task.WaitAsync(Timeout);
            }
            catch (TimeoutException)
            {
                // Not every job came in: say how many did, and fail.
                summary = await collector.Ask<Collector.Summary>(new Collector.GetSummary(), TimeSpan.FromSeconds(10));
                Console.WriteLine($"only {summary.Processed} of {jobs} jobs were processed within {Timeout.TotalMinutes:0} minutes");
            }

            Console.WriteLine($"all jobs in {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill; " +
                $"{summary.Redelivered} jobs the dead worker had handled but not confirmed were sent again and dropped as duplicates");
            Console.WriteLine($"sent={jobs} processed={summary.Processed} lost={jobs - summary.Processed} duplicates=0");
            return summary.Processed == jobs ? 0 : 1;
        }
        finally
        {
            // Stopping the system stops the supervisor, and with it every worker process.
            await system.Terminate().WaitAsync(Timeout);
        }
    }

    private static IActorRef StartJobStream(ActorSystem system, string name, int index, int workers, int jobs)
    {
        var share = jobs / workers + (index < jobs % workers ? 1 : 0);
        var first = index * (jobs / workers) + Math.Min(index, jobs % workers);
        var source = system.ActorOf(Props.Create(() => new JobSource(first, share)), $"jobs-for-{name}");
        var controller = system.ActorOf(ProducerController.Create<Job>(system, $"jobs-{name}", Option<Props>.None), $"producer-{name}");
        controller.Tell(new ProducerController.Start<Job>(source));
        return controller;
    }

    /// <summary>Turns the collector's milestones into tasks the coordinator awaits.</summary>
    private sealed class Completion : ReceiveActor
    {
        public Completion(TaskCompletionSource<Collector.Summary> done, TaskCompletionSource thirdDone)
        {
            Receive<Collector.ThirdDone>(_ => thirdDone.TrySetResult());
            Receive<Collector.Summary>(summary => done.TrySetResult(summary));
        }
    }
}
