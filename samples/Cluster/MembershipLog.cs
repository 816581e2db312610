using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;

namespace ClusterSample;

/// <summary>Prints each membership change this member sees, with the time since the sample started.</summary>
public sealed class MembershipLog : ReceiveActor
{
    public MembershipLog(Stopwatch clock)
    {
        Receive<ClusterEvent.MemberUp>(e => Print(clock, "up", e.Member.Address));
        Receive<ClusterEvent.UnreachableMember>(e => Print(clock, "unreachable", e.Member.Address));
        Receive<ClusterEvent.MemberDowned>(e => Print(clock, "downed", e.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(e => Print(clock, "removed", e.Member.Address));
        Receive<ClusterEvent.MemberLeft>(e => Print(clock, "leaving", e.Member.Address));
    }

    protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(
        Self,
        ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
        typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberDowned),
        typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.MemberLeft));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private static void Print(Stopwatch clock, string what, Address member) =>
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.000} s  member {what,-12} {member}");
}
