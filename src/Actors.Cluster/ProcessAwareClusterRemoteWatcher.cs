using Actors.Remote.DeathWatch;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;

namespace Actors.Cluster;

/// <summary>
/// The remote watcher of <see cref="ActorsClusterActorRefProvider"/>: it splits the watched nodes
/// the way Akka's own cluster watcher does, and keeps our fast death news for the nodes left to it.
/// <list type="bullet">
/// <item>Cluster members are the cluster's business: they are not heartbeaten here, and their
/// watchers get <see cref="Terminated"/> when the member is removed (which
/// <see cref="ConfirmedDeathDowning"/> makes quick when the process is gone).</item>
/// <item>Every other node (a supervised child system, a plain remote peer) is heartbeaten as by
/// Akka's remote watcher, and, through <see cref="ProcessAwareRemoteWatcher"/>, marked terminated
/// as soon as a local transport confirms that its process has exited.</item>
/// </list>
/// </summary>
/// <remarks>
/// Akka's cluster watcher is internal, so it can be neither reused nor extended; this one does the
/// same on top of our process-aware watcher. A node watched before it became a member is handed over
/// to the cluster when it comes up.
/// </remarks>
internal sealed class ProcessAwareClusterRemoteWatcher : ProcessAwareRemoteWatcher
{
    private readonly Akka.Cluster.Cluster _cluster;
    private readonly HashSet<Address> _members = [];

    /// <summary>The watcher with the timings of <c>akka.remote.watch-failure-detector</c>, as <see cref="ProcessAwareRemoteWatcher"/> takes them.</summary>
    /// <param name="failureDetector">The failure detectors of the watched nodes.</param>
    /// <param name="heartbeatInterval">How often watched nodes are sent a heartbeat.</param>
    /// <param name="unreachableReaperInterval">How often nodes are checked for being unreachable.</param>
    /// <param name="heartbeatExpectedResponseAfter">How long a first heartbeat reply may take.</param>
    public ProcessAwareClusterRemoteWatcher(
        IFailureDetectorRegistry<Address> failureDetector,
        TimeSpan heartbeatInterval,
        TimeSpan unreachableReaperInterval,
        TimeSpan heartbeatExpectedResponseAfter)
        : base(failureDetector, heartbeatInterval, unreachableReaperInterval, heartbeatExpectedResponseAfter)
    {
        _cluster = Akka.Cluster.Cluster.Get(Context.System);
    }

    /// <summary>Starts watching and subscribes to member events, so members are left to the cluster.</summary>
    protected override void PreStart()
    {
        base.PreStart();
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
    }

    /// <summary>Unsubscribes from member events, then stops watching.</summary>
    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        base.PostStop();
    }

    /// <summary>Tracks members (handing them to the cluster); everything else as <see cref="ProcessAwareRemoteWatcher"/> does.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ClusterEvent.CurrentClusterState state:
                foreach (var member in state.Members)
                {
                    OnMemberUp(member);
                }

                break;
            case ClusterEvent.MemberUp up:
                OnMemberUp(up.Member);
                break;
            case ClusterEvent.MemberWeaklyUp weaklyUp:
                OnMemberUp(weaklyUp.Member);
                break;
            case ClusterEvent.MemberRemoved removed:
                OnMemberRemoved(removed.Member, removed.PreviousStatus);
                break;
            case ClusterEvent.IMemberEvent:
                // Joining, leaving, exiting: nothing changes for watchers until the member is removed.
                break;
            default:
                base.OnReceive(message);
                break;
        }
    }

    /// <summary>Heartbeats only nodes outside the cluster; members are watched through the membership.</summary>
    protected override void WatchNode(IInternalActorRef watchee)
    {
        if (!_members.Contains(watchee.Path.Address))
        {
            base.WatchNode(watchee);
        }
    }

    private void OnMemberUp(Member member)
    {
        if (member.Address.Equals(_cluster.SelfAddress) || !_members.Add(member.Address))
        {
            return;
        }

        if (WatchingNodes.Contains(member.Address))
        {
            Log.Debug("node {0} became a cluster member: the cluster watches it from now on", member.Address);
            UnwatchNode(member.Address);
        }

        Unreachable.Remove(member.Address);
    }

    private void OnMemberRemoved(Member member, MemberStatus previousStatus)
    {
        if (member.Address.Equals(_cluster.SelfAddress))
        {
            return;
        }

        _members.Remove(member.Address);
        if (previousStatus == MemberStatus.Down)
        {
            // Removed after being downed: that incarnation must not come back.
            Quarantine(member.Address, member.UniqueAddress.Uid);
        }

        PublishAddressTerminated(member.Address);
    }
}
