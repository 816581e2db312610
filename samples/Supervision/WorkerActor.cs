using Actors.Supervision.Delivery;
using Akka.Actor;

namespace Supervision;

/// <summary>Runs in each worker process: consumes jobs through Akka.Delivery and reports each one.</summary>
public sealed class WorkerActor : ReceiveActor
{
    public const string Name = "worker";

    public WorkerActor() =>
        Receive<StartWork>(start => Context.ActorOf(
            ReliableConsumer<Job>.Props(start.ProducerController, job => start.Collector.Tell(new Processed(job.Id, Environment.ProcessId))),
            "consumer"));
}
