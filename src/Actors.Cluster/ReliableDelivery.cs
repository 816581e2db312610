namespace Actors.Cluster;

/// <summary>
/// What a system needs so that Akka.Delivery (ProducerController / ConsumerController) works between
/// processes: its protocol messages cross through the serializer that Akka.Cluster ships for them.
/// Put <see cref="Hocon"/> in front of the config of every process that takes part.
/// </summary>
/// <remarks>
/// It lives here, not in Actors.Supervision, because that serializer is in the Akka.Cluster assembly:
/// plain supervision does not pull in the cluster, and reliable delivery between processes (for
/// instance with <c>Actors.Supervision.Delivery.ReliableConsumer</c>) needs this package. The cluster
/// provider is not needed; the serializer works under any provider.
/// </remarks>
public static class ReliableDelivery
{
    /// <summary>Registers and binds Akka's reliable-delivery serializer (id 36, as Akka.Cluster has it).</summary>
    public const string Hocon = """
        akka.actor.serializers.reliable-delivery = "Akka.Cluster.Serialization.ReliableDeliverySerializer, Akka.Cluster"
        akka.actor.serialization-bindings { "Akka.Delivery.Internal.IDeliverySerializable, Akka" = reliable-delivery }
        akka.actor.serialization-identifiers { "Akka.Cluster.Serialization.ReliableDeliverySerializer, Akka.Cluster" = 36 }
        """;
}
