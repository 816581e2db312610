using Akka.Actor;

namespace Actors.TestPeer;

/// <summary>A unit of work sent through Akka.Delivery; <paramref name="Id"/> is unique per job.</summary>
public sealed record Job(int Id);

/// <summary>Reported to the collector for every job this process handled.</summary>
public sealed record Processed(int Id, int ProcessId);

/// <summary>Asks the echo actor to consume jobs from <paramref name="ProducerController"/> and report to <paramref name="Collector"/>.</summary>
public sealed record StartConsuming(IActorRef ProducerController, IActorRef Collector);
