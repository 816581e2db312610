using System.Diagnostics;
using Actors.Supervision;
using Akka.Actor;
using Akka.Delivery;
using Akka.Util;

namespace Supervision;

/// <summary>
/// The parent process: supervises the workers, streams jobs to them through Akka.Delivery, kills one
/// with SIGKILL once a third of its jobs are processed, and checks at the end that every job was
/// processed once. The story does not depend on timing: the victim's last third of jobs is held back
/// until its restart has been printed, so the run cannot end before the restart.
/// </summary>
internal static class Coordinator
{
    private const string VictimName = "worker-2";
    private const int VictimIndex = 1;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(FileInfo config, int workers, int jobs)
    {
        var system = ActorSystem.Create("supervision", SampleConfig.Load(config));
        try
        {
            var done = new TaskCompletionSource<Collector.Summary>(TaskCreationOptions.RunContinuationsAsynchronously);
            var killPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (victimFirst, victimShare) = Range(VictimIndex, workers, jobs);
            var (killAfter, holdAfter) = (victimShare / 3, victimShare - victimShare / 3);
            var listener = system.ActorOf(Props.Create(() => new Completion(done, killPoint)), "completion");
            var collector = system.ActorOf(Props.Create(() => new Collector(jobs, listener, victimFirst, killAfter)), "collector");

            var names = Enumerable.Range(1, workers).Select(i => $"worker-{i}").ToArray();
            var streams = names.Select((name, i) => (name, stream: StartJobStream(system, name, i, workers, jobs, i == VictimIndex ? holdAfter : jobs)))
                .ToDictionary(p => p.name, p => p.stream);
            var producerControllers = streams.ToDictionary(p => p.Key, p => p.Value.Controller);

            var supervisorPath = new RootActorPath(((ExtendedActorSystem)system).Provider.DefaultAddress) / "user" / "workers";
            var printer = system.ActorOf(Props.Create(() => new EventPrinter(supervisorPath, producerControllers, collector)), "printer");
            var specs = names.Select(name => new PeerSpec(name, ProgramStartInfo.ThisProgram(), ["--worker", "--name", name, "--config", config.FullName])
            {
                TargetPath = $"user/{WorkerActor.Name}",
            });
            var supervisor = system.ActorOf(ProcessSupervisor.Props(specs, SupervisionStrategy.Default), "workers");
            Console.WriteLine($"supervising {workers} worker processes over {((ExtendedActorSystem)system).Provider.DefaultAddress.Protocol}; {jobs} jobs");

            await killPoint.Task.WaitAsync(Timeout);
            var victim = await supervisor.Ask<ProcessSupervisor.PeerStatus>(new ProcessSupervisor.GetPeer(VictimName), Timeout);

            // Asked before the kill, so it is the restart after the kill that answers.
            var victimRestarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            printer.Tell(new EventPrinter.TellWhenRestarted(VictimName, victimRestarted));
            Console.WriteLine($"{VictimName}: killing pid {victim.ProcessId} with SIGKILL after {killAfter} of its {victimShare} jobs");
            var sinceKill = Stopwatch.StartNew();
            using (var process = Process.GetProcessById(victim.ProcessId!.Value))
            {
                process.Kill();
            }

            // Its last jobs wait for the new incarnation: the run cannot finish before the restart.
            await victimRestarted.Task.WaitAsync(Timeout);
            Console.WriteLine($"{VictimName}: sending its last {victimShare - holdAfter} jobs, held back until its restart");
            streams[VictimName].Source.Tell(new JobSource.Release());

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

    /// <summary>The ids of worker <paramref name="index"/>'s jobs: from <c>First</c>, <c>Count</c> of them.</summary>
    private static (int First, int Count) Range(int index, int workers, int jobs) =>
        (index * (jobs / workers) + Math.Min(index, jobs % workers), jobs / workers + (index < jobs % workers ? 1 : 0));

    private static (IActorRef Source, IActorRef Controller) StartJobStream(ActorSystem system, string name, int index, int workers, int jobs, int holdAfter)
    {
        var (first, share) = Range(index, workers, jobs);
        var source = system.ActorOf(Props.Create(() => new JobSource(first, share, holdAfter)), $"jobs-for-{name}");
        var controller = system.ActorOf(ProducerController.Create<Job>(system, $"jobs-{name}", Option<Props>.None), $"producer-{name}");
        controller.Tell(new ProducerController.Start<Job>(source));
        return (source, controller);
    }

    /// <summary>Turns the collector's milestones into tasks the coordinator awaits.</summary>
    private sealed class Completion : ReceiveActor
    {
        public Completion(TaskCompletionSource<Collector.Summary> done, TaskCompletionSource killPoint)
        {
            Receive<Collector.MilestoneReached>(_ => killPoint.TrySetResult());
            Receive<Collector.Summary>(summary => done.TrySetResult(summary));
        }
    }
}
