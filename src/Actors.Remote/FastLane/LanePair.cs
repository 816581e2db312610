using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>A (recipient, sender) pair, the unit the lane keeps in order across its two channels; a null sender for none.</summary>
internal readonly record struct LanePair(IActorRef Recipient, IActorRef? Sender);
