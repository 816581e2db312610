using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace Actors.ClusterPeer;

/// <summary>Subscribing in the order <see cref="Topics.PresencePrefix"/> relies on, and waiting until a mediator knows enough processes.</summary>
public static class Subscriptions
{
    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Subscribes <paramref name="subscriber"/> to the commands and broadcast topics, then to its process's presence topic.</summary>
    public static async Task SubscribeAllAsync(ActorSystem system, IActorRef subscriber, IActorRef commandHandler)
    {
        var mediator = DistributedPubSub.Get(system).Mediator;
        await mediator.Ask<SubscribeAck>(new Subscribe(Topics.Commands, commandHandler), s_askTimeout).ConfigureAwait(false);
        await mediator.Ask<SubscribeAck>(new Subscribe(Topics.Broadcast, subscriber), s_askTimeout).ConfigureAwait(false);
        var presence = Topics.PresencePrefix + Uri.EscapeDataString(Akka.Cluster.Cluster.Get(system).SelfAddress.ToString());
        await mediator.Ask<SubscribeAck>(new Subscribe(presence, subscriber), s_askTimeout).ConfigureAwait(false);
    }

    /// <summary>Waits until <paramref name="system"/>'s mediator lists at least <paramref name="processes"/> presence topics.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>.</exception>
    public static async Task AwaitSubscribersAsync(ActorSystem system, int processes, TimeSpan timeout)
    {
        var mediator = DistributedPubSub.Get(system).Mediator;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var topics = await mediator.Ask<CurrentTopics>(GetTopics.Instance, s_askTimeout).ConfigureAwait(false);
            var known = topics.Topics.Count(t => t.StartsWith(Topics.PresencePrefix, StringComparison.Ordinal));
            if (known >= processes)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the pub-sub mediator knows {known} subscribing processes after {timeout.TotalSeconds:0} s, not {processes}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
