using Akka.Actor;

namespace Actors.Delivery;

/// <summary>Messages of <see cref="DurableConsumer{T}"/>.</summary>
public static class DurableConsumer
{
    /// <summary>
    /// Register with this producer controller (<see cref="DurableProducer.Progress.Controller"/>):
    /// at start, or after the producer was restarted in a new process.
    /// </summary>
    public sealed record ConsumeFrom(IActorRef ProducerController);
}
