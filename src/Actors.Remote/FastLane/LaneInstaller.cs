using Actors.Remote.Configuration;
using Actors.Remote.Streams;
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
    private const string LaneProtocol = "akka.shm";

    /// <summary>
    /// Starts the lanes when <c>akka.remote.actors.lane.enabled</c> is on and one of our transports listens:
    /// in shared-memory rings over shm, else over connections of the first stream transport; else null.
    /// </summary>
    public static LaneHub? Start(ActorSystemImpl system, RemoteActorRefProvider provider)
    {
        var config = ReferenceConfig.WithDefaults(system.Settings.Config.GetConfig(LaneSettings.ConfigPath), LaneSettings.ConfigPath);
        var settings = LaneSettings.FromConfig(new SettingsReader(config, LaneSettings.ConfigPath));
        if (!settings.Enabled)
        {
            return null;
        }

        var shmAddress = provider.Transport.Addresses.FirstOrDefault(a => a.Protocol == LaneProtocol);
        if (shmAddress is not null)
        {
            return LaneHub.Start(system, provider, settings, shmAddress);
        }

        // Any other of our transports: the lane takes connections of its own to the peers' listeners.
        foreach (var address in provider.Transport.Addresses)
        {
            if (StreamLaneRegistry.TransportFor(system, address.Protocol) is { } transport)
            {
                return LaneHub.StartOverStream(system, provider, settings, address, transport);
            }
        }

        Logging.GetLogger(system, provider.GetType()).Warning(WhyNoLane(provider.Transport.Addresses));
        return null;
    }

    /// <summary>
    /// Why the lane stays off for a system listening at <paramref name="addresses"/>. The lane needs one of
    /// our transports itself: under Akka's transport adapters (throttler <c>trttl</c>, failure injector
    /// <c>gremlin</c>, which make the protocol <c>akka.trttl.gremlin.shm</c>) it stays off on purpose,
    /// since adapters exist to slow down or fail the traffic that crosses them, and the lane would carry
    /// user messages past them: a test that throttles or blackholes a peer would be silently defeated.
    /// </summary>
    internal static string WhyNoLane(IEnumerable<Address> addresses)
    {
        // akka.<adapter>...<scheme>: more than one dot.
        var wrapped = addresses.FirstOrDefault(a => a.Protocol.Count(c => c == '.') > 1);
        return wrapped is null
            ? $"{LaneSettings.ConfigPath}.enabled = on, but none of this system's transports is one of ours (shm, uds, pipe, fifo, apipe, atcp): the lane stays off"
            : $"{LaneSettings.ConfigPath}.enabled = on, but the transport runs under Akka's transport adapters ({wrapped.Protocol}): " +
              "the lane stays off, because it would carry user messages past the throttling or failure injection the adapters apply";
    }

    /// <summary>A lane reference when <paramref name="hub"/> reaches the path's system, else null (the provider's own reference).</summary>
    public static IInternalActorRef? CreateRemoteRef(LaneHub? hub, RemoteTransport transport, ActorPath actorPath, Address localAddress) =>
        hub is not null && hub.CanReach(actorPath.Address)
            ? new LaneActorRef(hub, transport, localAddress, actorPath)
            : null;
}
