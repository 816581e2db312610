using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;
using Akka.Remote;
using Akka.Remote.Transport;

namespace Actors.Remote.DeathWatch;

/// <summary>
/// Akka's remote watcher, which also acts on <see cref="PeerProcessExited"/>: the address is
/// quarantined and marked terminated at once, so every watcher gets <see cref="Terminated"/> within
/// moments of a crash instead of when the heartbeat failure detector gives up (about 11 s with
/// Akka's defaults). Peers whose death cannot be confirmed are still left to the failure detector.
/// Only nodes this watcher heartbeats (<see cref="RemoteWatcher.WatchingNodes"/>) are acted on, so a
/// subclass that leaves some nodes to someone else (cluster members, say) keeps them out of it.
/// </summary>
public class ProcessAwareRemoteWatcher : RemoteWatcher
{
    // Each watched node's system uid, from its heartbeat replies: quarantining by uid lets a restarted
    // peer (a new uid at the same address) in again.
    private readonly Dictionary<Address, int> _uids = [];

    /// <summary>The watcher with the timings of <c>akka.remote.watch-failure-detector</c>, as <see cref="RemoteWatcher"/> takes them.</summary>
    /// <param name="failureDetector">The failure detectors of the watched nodes.</param>
    /// <param name="heartbeatInterval">How often watched nodes are sent a heartbeat.</param>
    /// <param name="unreachableReaperInterval">How often nodes are checked for being unreachable.</param>
    /// <param name="heartbeatExpectedResponseAfter">How long a first heartbeat reply may take.</param>
    public ProcessAwareRemoteWatcher(
        IFailureDetectorRegistry<Address> failureDetector,
        TimeSpan heartbeatInterval,
        TimeSpan unreachableReaperInterval,
        TimeSpan heartbeatExpectedResponseAfter)
        : base(failureDetector, heartbeatInterval, unreachableReaperInterval, heartbeatExpectedResponseAfter)
    {
    }

    /// <summary>
    /// Starts a watcher of type <typeparamref name="TWatcher"/> as the system's <c>remote-watcher</c>, with the
    /// timings of <c>akka.remote.watch-failure-detector</c>: what a provider's <c>CreateRemoteWatcher</c> returns.
    /// </summary>
    internal static IActorRef Start<TWatcher>(ActorSystemImpl system, RemoteSettings settings, IFailureDetectorRegistry<Address> failureDetector)
        where TWatcher : ProcessAwareRemoteWatcher =>
        system.SystemActorOf(
            settings.ConfigureDispatcher(Akka.Actor.Props.Create(
                typeof(TWatcher),
                failureDetector,
                settings.WatchHeartBeatInterval,
                settings.WatchUnreachableReaperInterval,
                settings.WatchHeartbeatExpectedResponseAfter)),
            "remote-watcher");

    /// <summary>Starts watching and listens for <see cref="PeerProcessExited"/> news.</summary>
    protected override void PreStart()
    {
        base.PreStart();
        Context.System.EventStream.Subscribe(Self, typeof(PeerProcessExited));
    }

    /// <summary>Stops listening for death news, then stops watching.</summary>
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    /// <summary>Handles death news of local peers; everything else as <see cref="RemoteWatcher"/> does.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case PeerProcessExited exited:
                TerminateAddress(exited);
                break;
            case HeartbeatRsp reply:
                _uids[Sender.Path.Address] = reply.AddressUid;
                base.OnReceive(message);
                break;
            default:
                base.OnReceive(message);
                break;
        }
    }

    private void TerminateAddress(PeerProcessExited exited)
    {
        var address = exited.Address;
        if (!WatchingNodes.Contains(address) || Unreachable.Contains(address))
        {
            return;
        }

        // Debug: the transport has already said the process exited, in one INFO line; a planned kill is no warning.
        Log.Debug("Process of [{0}] (pid {1}) is gone: marking it terminated", address, exited.ProcessId);
        // The address's end first: each watcher's Terminated then says the whole address went away. Told after the
        // quarantine, the quarantine's own news of the watched actors could reach a watcher first, without that flag.
        PublishAddressTerminated(address);
        Quarantine(address, _uids.TryGetValue(address, out var uid) ? uid : null);
        Unreachable.Add(address);
    }
}
