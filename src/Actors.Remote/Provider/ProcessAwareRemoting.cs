using Actors.Remote.Configuration;
using Actors.Remote.DeathWatch;
using Actors.Remote.Diagnostics.ExpectedDeaths;
using Actors.Remote.FastLane;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;
using Akka.Remote;

namespace Actors.Remote.Provider;

/// <summary>
/// What a process-aware provider adds to an Akka remote provider, as a part another provider can
/// compose: a remote watcher that turns a confirmed process exit into <see cref="Terminated"/> at once,
/// and the fast lane when <c>akka.remote.actors.lane.enabled = on</c> and shm is enabled.
/// <see cref="ProcessAwareRemoteActorRefProvider"/> is Akka's remote provider with it; the cluster
/// provider of Actors.Cluster is Akka's cluster provider with it.
/// </summary>
/// <remarks>
/// A provider calls <see cref="Start"/> at the end of its <c>Init</c>, returns
/// <see cref="StartRemoteWatcher{TWatcher}"/> from <c>CreateRemoteWatcher</c>, and asks
/// <see cref="CreateRemoteRef"/> first in <c>CreateRemoteRef</c> (null: make Akka's own reference).
/// </remarks>
public sealed class ProcessAwareRemoting
{
    private ProcessAwareRemoting(LaneHub? hub) => Hub = hub;

    /// <summary>The lanes of this system; null when the lane is off.</summary>
    internal LaneHub? Hub { get; }

    /// <summary>True when user messages to shm peers of this system take the fast lane.</summary>
    public bool LaneEnabled => Hub is not null;

    /// <summary>Starts what the provider adds; call after the provider's own <c>Init</c> (remoting is up then).</summary>
    public static ProcessAwareRemoting Start(ActorSystemImpl system, RemoteActorRefProvider provider)
    {
        ArgumentNullException.ThrowIfNull(system);
        var log = Logging.GetLogger(system, typeof(ProcessAwareRemoting));
        UnknownSettings.Warn(system.Settings.Config, log);
        ExpectedDeathLogFilterInstaller.Install(system.Settings, log);
        return new(LaneInstaller.Start(system, provider));
    }

    /// <summary>Starts the remote watcher <typeparamref name="TWatcher"/>, a <see cref="ProcessAwareRemoteWatcher"/>, with Akka's settings for it.</summary>
    public static IActorRef StartRemoteWatcher<TWatcher>(ActorSystemImpl system, RemoteSettings settings, IFailureDetectorRegistry<Address> failureDetector)
        where TWatcher : ProcessAwareRemoteWatcher =>
        ProcessAwareRemoteWatcher.Start<TWatcher>(system, settings, failureDetector);

    /// <summary>A lane reference for a user actor of a peer the lane reaches; null for the provider's own reference.</summary>
    public IInternalActorRef? CreateRemoteRef(RemoteTransport transport, ActorPath actorPath, Address localAddress) =>
        LaneInstaller.CreateRemoteRef(Hub, transport, actorPath, localAddress);
}
