using Actors.Cluster;
using Actors.Supervision.Delivery;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Delivery.Tests;

/// <summary>An ActorSystem as a process of a durable queue has it: Akka.Delivery's serializer and little logging.</summary>
internal static class QueueSystem
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static ActorSystem Create(string name) =>
        ActorSystem.Create(name, ConfigurationFactory.ParseString("akka.loglevel = WARNING\n" + ReliableDelivery.Hocon));
}
