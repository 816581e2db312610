using Akka.Actor;

namespace Actors.Benchmarks.Serialization;

/// <summary>A request that names the actor to answer: the ref travels as its path and comes back as a live ref.</summary>
public sealed record ReplyRequest(long Sequence, IActorRef ReplyTo);
