using Actors.Cluster;
using Actors.Supervision.Delivery;
using Akka.Actor;
using Akka.Delivery;

namespace Actors.Delivery;

/// <summary>
/// The producing end of a durable queue: an actor you Tell messages to. Each message is stored in the
/// queue's database before anything else happens to it, then handed to an Akka.Delivery
/// ProducerController and sent to a <see cref="DurableConsumer{T}"/> when it asks; once the consumer
/// confirms it, it is deleted. A consumer that is not running, or a producer process that is killed,
/// loses nothing that was stored: a producer started again with the same id re-reads its queue and
/// sends what was not confirmed. Delivery is at least once, in order. (Messages of type <c>long</c>
/// are not supported: the controller's confirmations are longs.)
/// </summary>
public static class DurableProducer
{
    /// <summary>Asks for a <see cref="Progress"/>; the reply comes once the queue has been read.</summary>
    public sealed record GetProgress
    {
        /// <summary>The one instance: the message carries nothing.</summary>
        public static readonly GetProgress Instance = new();
    }

    /// <summary>Asks for a <see cref="Progress"/> once <paramref name="Count"/> messages have been stored in all.</summary>
    public sealed record WhenStored(long Count);

    /// <summary>
    /// Where a producer's queue is. <paramref name="Stored"/> counts the messages ever stored under this
    /// producer id (the next message told is number <c>Stored + 1</c>); <paramref name="Confirmed"/>
    /// those a consumer confirmed, as last known. <paramref name="Controller"/> is the ProducerController
    /// a consumer registers with.
    /// </summary>
    public sealed record Progress(IActorRef Controller, long Stored, long Confirmed);

    /// <summary>
    /// Starts the producer <paramref name="producerId"/> of messages of type <typeparamref name="T"/>,
    /// storing in <paramref name="settings"/> (null: <c>actors.durable-queue</c> of the system's config).
    /// </summary>
    /// <exception cref="DurableQueueException">The database cannot be used (missing or unwritable directory, corrupted file, unreachable server).</exception>
    public static IActorRef Start<T>(ActorSystem system, string producerId, DurableQueueSettings? settings = null, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(producerId);
        if (typeof(T) == typeof(long))
        {
            throw new ArgumentException("durable producer message type not supported: type=long; wrap it in a record");
        }

        settings = (settings ?? DurableQueueSettings.FromConfig(system.Settings.Config)).Validate();
        CheckSerializer<T>(system);
        DurableQueueStorageCheck.Run(settings);
        var (journalId, snapshotId) = DurableQueuePlugins.Install(system, settings);
        var props = Props.Create(() => new DurableProducerActor<T>(producerId, journalId, snapshotId, settings.BufferLimit));
        return system.ActorOf(props, name ?? $"durable-producer-{Uri.EscapeDataString(producerId)}");
    }

    // Akka.Delivery's messages cross processes through Akka.Cluster's serializer for them; without it
    // every message to a consumer in another process would fail later, one at a time.
    private static void CheckSerializer<T>(ActorSystem system)
    {
        var serializer = system.Serialization.FindSerializerForType(typeof(DurableProducerQueue.MessageSent<T>));
        if (serializer.GetType().FullName != "Akka.Cluster.Serialization.ReliableDeliverySerializer")
        {
            throw new DurableQueueException(
                $"durable queue cannot store its records: serializer={serializer.GetType().Name}, expected=ReliableDeliverySerializer; put {nameof(ReliableDelivery)}.{nameof(ReliableDelivery.Hocon)} in the system's config");
        }
    }
}
