using Akka.Actor;

namespace Hosting;

/// <summary>The actor in each worker process: answers every <see cref="Job"/>.</summary>
internal sealed class JobWorker : ReceiveActor
{
    public const string Name = "jobs";

    public JobWorker(string worker) =>
        Receive<Job>(job => Sender.Tell(new JobDone(job.Id, worker, (long)job.Number * job.Number)));
}
