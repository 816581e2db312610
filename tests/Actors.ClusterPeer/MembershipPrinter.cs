using Akka.Actor;
using Akka.Cluster;

namespace Actors.ClusterPeer;

/// <summary>
/// Prints each membership change this member sees as <c>MEMBER &lt;status&gt; &lt;address&gt;</c>
/// (and <c>MEMBER Unreachable …</c>), so a test running members in other network namespaces can follow it.
/// </summary>
internal sealed class MembershipPrinter : ReceiveActor
{
    public MembershipPrinter()
    {
        Receive<ClusterEvent.IMemberEvent>(e => Print(e.Member.Status.ToString(), e.Member.Address));
        Receive<ClusterEvent.UnreachableMember>(e => Print("Unreachable", e.Member.Address));
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
    }

    protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(
        Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.UnreachableMember));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private static void Print(string status, Address address) => Console.WriteLine($"MEMBER {status} {address}");
}
