using Actors.Remote.Configuration;
using Actors.Remote.DeathWatch;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;
using Akka.Remote;

namespace Actors.Remote.FastLane;

/// <summary>
/// The remote provider with the fast lane: configure
/// <c>akka.actor.provider = "Actors.Remote.FastLane.LaneActorRefProvider, Actors.Remote"</c> and
/// <c>akka.remote.actors.lane.enabled = on</c>. References to actors of peers on the shared-memory
/// transport are <see cref="LaneActorRef"/>s: a plain <c>Tell</c> on them carries the message through a
/// ring straight into the target's mailbox, past Akka.Remote's endpoint; everything else (system
/// messages, DeathWatch, actor selection, Akka's own actors) keeps the classic path.
/// </summary>
public class LaneActorRefProvider(string systemName, Settings settings, EventStream eventStream)
    : ActorsRemoteActorRefProvider(systemName, settings, eventStream)
{
    private LaneHub? _hub;

    /// <summary>The lanes of this system; null when the lane is off or not started yet.</summary>
    internal LaneHub? Hub => _hub;

    /// <inheritdoc />
    public override void Init(ActorSystemImpl system)
    {
        base.Init(system);
        var config = ReferenceConfig.WithDefaults(system.Settings.Config.GetConfig(LaneSettings.ConfigPath), LaneSettings.ConfigPath);
        var laneSettings = LaneSettings.FromConfig(new SettingsReader(config, LaneSettings.ConfigPath));
        if (!laneSettings.Enabled)
        {
            return;
        }

        var shmAddress = Transport.Addresses.FirstOrDefault(a => a.Protocol == "akka.shm");
        if (shmAddress is null)
        {
            Logging.GetLogger(system, GetType()).Warning(
                "{0}.enabled = on, but the shared-memory transport (akka.remote.actors.shm) is not enabled: the lane stays off", LaneSettings.ConfigPath);
            return;
        }

        _hub = LaneHub.Start(system, this, laneSettings, shmAddress);
    }

    /// <inheritdoc />
    protected override IInternalActorRef CreateRemoteRef(ActorPath actorPath, Address localAddress) =>
        _hub is { } hub && hub.CanReach(actorPath.Address)
            ? new LaneActorRef(hub, Transport, localAddress, actorPath)
            : base.CreateRemoteRef(actorPath, localAddress);
}
