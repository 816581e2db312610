using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace Actors.ClusterPeer;

/// <summary>On <see cref="PublishNotes"/>, waits until every subscribing process is known here, then publishes the notes in order.</summary>
public sealed class NotePublisher : ReceiveActor
{
    private static readonly TimeSpan s_subscribersTimeout = TimeSpan.FromSeconds(20);

    public NotePublisher()
    {
        var system = Context.System;
        var mediator = DistributedPubSub.Get(system).Mediator;
        var self = Akka.Cluster.Cluster.Get(system).SelfAddress.ToString();
        ReceiveAsync<PublishNotes>(async command =>
        {
            await Subscriptions.AwaitSubscribersAsync(system, command.Subscribers, s_subscribersTimeout);
            for (var seq = 0; seq < command.Count; seq++)
            {
                mediator.Tell(new Publish(Topics.Broadcast, new Note(self, seq)));
            }
        });
    }
}
