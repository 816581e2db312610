namespace Actors.ClusterPeer;

/// <summary>The topics every peer subscribes to.</summary>
public static class Topics
{
    /// <summary>Where <see cref="PublishNotes"/> is published.</summary>
    public const string Commands = "commands";

    /// <summary>Where <see cref="Note"/>s are published.</summary>
    public const string Broadcast = "broadcast";

    /// <summary>
    /// One topic per subscribing process, subscribed last: once a mediator lists a process's presence
    /// topic it also knows that process's earlier subscriptions (a node's registry travels in version order).
    /// </summary>
    public const string PresencePrefix = "present-";
}

/// <summary>Asks every peer to publish <paramref name="Count"/> notes once its mediator knows <paramref name="Subscribers"/> subscribing processes.</summary>
public sealed record PublishNotes(int Count, int Subscribers);

/// <summary>The <paramref name="Seq"/>th note (from 0) published by <paramref name="Publisher"/>.</summary>
public sealed record Note(string Publisher, int Seq);

/// <summary>Asks <see cref="MemberEchoActor"/> which kind of reference it holds for the sender (a lane reference routes the reply by the lane).</summary>
public sealed record DescribeSender
{
    public static readonly DescribeSender Instance = new();
}
