using Actors.Remote.Configuration;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;
using Akka.Remote;

namespace Actors.Remote.FastLane;

/// <summary>
/// What any actor-ref provider needs to offer the fast lane: start the lanes after the provider's
/// own start, and hand out <see cref="LaneActorRef"/>s for peers a lane can reach. Akka's remote
/// provider (<see cref="LaneActorRefProvider"/>) and the cluster provider both use it.
/// </summary>
internal static class LaneInstaller
{
    /// <summary>Starts the lanes when <c>akka.remote.actors.lane.enabled</c> is on and shm is enabled; else null.</summary>
    public static LaneHub? Start(ActorSystemImpl system, RemoteActorRefProvider provider)
    {
        var config = ReferenceConfig.WithDefaults(system.Settings.Config.GetConfig(LaneSettings.ConfigPath), LaneSettings.ConfigPath);
        var settings = LaneSettings.FromConfig(new SettingsReader(config, LaneSettings.ConfigPath));
        if (!settings.Enabled)
        {
            return null;
        }

        var shmAddress = provider.Transport.Addresses.FirstOrDefault(a => a.Protocol == "akka.shm");
        if (shmAddress is null)
        {
            Logging.GetLogger(system, provider.GetType()).Warning(
                "{0}.enabled = on, but the shared-memory transport (akka.remote.actors.shm) is not enabled: the lane stays off", LaneSettings.ConfigPath);
            return null;
        }

        return LaneHub.Start(system, provider, settings, shmAddress);
    }

    /// <summary>A lane reference when <paramref name="hub"/> reaches the path's system, else null (the provider's own reference).</summary>
    public static IInternalActorRef? CreateRemoteRef(LaneHub? hub, RemoteTransport transport, ActorPath actorPath, Address localAddress) =>
        hub is not null && hub.CanReach(actorPath.Address)
            ? new LaneActorRef(hub, transport, localAddress, actorPath)
            : null;
}
