using Actors.Remote.DeathWatch;
using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using ClusterMemberStatus = Akka.Cluster.MemberStatus;

namespace Actors.Cluster;

/// <summary>
/// Downs a cluster member, and quarantines its incarnation, as soon as a local transport reports
/// (<see cref="PeerProcessExited"/>) that its process has exited.
/// </summary>
/// <remarks>
/// <para>
/// Safe where the Split Brain Resolver has to be careful: the SBR cannot tell a dead node from one it
/// cannot reach, so it waits (stable-after) and decides by majority. Here the kernel has said that the
/// process is gone; no partition can make a live member look like that.
/// </para>
/// <para>
/// Downing alone is not enough: the leader removes a Down member only once it is also unreachable,
/// and the failure detector would take its acceptable pause to say so. Quarantining the dead
/// incarnation (its uid; a restarted process has a new one) makes the cluster mark it terminated at
/// once, so the leader removes it on the next convergence and every watcher of its actors gets
/// <see cref="Terminated"/>. Doing it on one node is enough (Down spreads by gossip); every node that
/// had an association with the dead process does it anyway, which changes nothing.
/// Addresses that are not members (plain remote peers) are left to the remote watcher.
/// </para>
/// </remarks>
internal sealed class ConfirmedDeathDowning : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    /// <summary>Downs the member named in each <see cref="PeerProcessExited"/> it hears.</summary>
    public ConfirmedDeathDowning()
    {
        Receive<PeerProcessExited>(OnExited);
    }

    /// <summary>Subscribes to the death news on the EventStream.</summary>
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(PeerProcessExited));

    /// <summary>Unsubscribes from the EventStream.</summary>
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnExited(PeerProcessExited exited)
    {
        var member = _cluster.State.Members.FirstOrDefault(m => m.Address.Equals(exited.Address));
        if (member is null || member.Address.Equals(_cluster.SelfAddress) || member.Status is ClusterMemberStatus.Down or ClusterMemberStatus.Removed)
        {
            return;
        }

        _log.Warning("the process of cluster member [{0}] (pid {1}) is gone: downing it", member.Address, exited.ProcessId);
        _cluster.Down(member.Address);
        ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Quarantine(member.Address, member.UniqueAddress.Uid);
    }
}
