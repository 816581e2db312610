using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>What one lane record yields: nothing (a definition), a delivery, or a message that could not be deserialized.</summary>
/// <param name="Recipient">The message's recipient; null for a definition.</param>
/// <param name="Message">The message; null for a definition or when <paramref name="Failure"/> is set.</param>
/// <param name="Sender">The message's sender (<see cref="ActorRefs.NoSender"/> for none).</param>
/// <param name="Failure">Why the payload could not be deserialized.</param>
internal readonly record struct LaneRead(IActorRef? Recipient, object? Message, IActorRef? Sender, Exception? Failure)
{
    /// <summary>True when the record was a message that can be told to its recipient.</summary>
    public bool IsDelivery => Message is not null;
}
