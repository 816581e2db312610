using Akka.Actor;

namespace Supervision;

/// <summary>A unit of work; ids are unique across all workers.</summary>
public sealed record Job(int Id);

/// <summary>A worker handled a job.</summary>
public sealed record Processed(int Id, int ProcessId);

/// <summary>Tells a worker where its jobs come from and where to report them.</summary>
public sealed record StartWork(IActorRef ProducerController, IActorRef Collector);
