using System.Net.Sockets;
using Actors.Remote.FastLane;
using Actors.Remote.Handshake;
using Actors.Remote.Provider;
using Actors.Remote.Sockets;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// A secret set in the shm transport's own <c>security</c> section (not in <c>akka.remote.actors.security</c>)
/// guards the lane listener too: a peer without it gets no segment offer (it used to get one).
/// </summary>
public sealed class LaneSecurityScopeSpec(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(SystemConfig(), "scoped", output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private const string Secret = "shm-scoped-secret-for-the-lane-0123";

    [Fact]
    public async Task A_peer_without_the_shm_scoped_secret_is_refused_by_the_lane_listener()
    {
        var hub = ((ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)Sys).Provider).Remoting!.Hub!;
        Assert.True(hub.Security.RequiresSecret, "the lane did not take the shm transport's security section");
        var port = ((ExtendedActorSystem)Sys).Provider.DefaultAddress.Port!.Value;

        using (var socket = await UnixSocketEndpoint.ConnectAsync(hub.ControlSocketPath(port), CancellationToken.None))
        await using (var control = new NetworkStream(socket, ownsSocket: false))
        {
            var refused = await Assert.ThrowsAsync<HandshakeException>(
                () => Handshaker.ExchangeAsync(control, Timeout, CancellationToken.None, "akka.shm://intruder@localhost:1", SecuritySettings.Default, HandshakeRole.Connecting));
            Assert.Contains("shared secret", refused.Message);
        }

        // With the secret, the same listener goes on to the lane's own greeting.
        using (var socket = await UnixSocketEndpoint.ConnectAsync(hub.ControlSocketPath(port), CancellationToken.None))
        await using (var control = new NetworkStream(socket, ownsSocket: false))
        {
            await Handshaker.ExchangeAsync(control, Timeout, CancellationToken.None, "akka.shm://friend@localhost:1", new SecuritySettings(Secret), HandshakeRole.Connecting);
            Assert.Equal(AddressUidOf(Sys), await LaneGreeting.ExchangeAsync(control, 7, CancellationToken.None));
        }
    }

    private static int AddressUidOf(ActorSystem system) => Akka.Remote.AddressUidExtension.Uid(system);

    private static Config SystemConfig() =>
        ConfigurationFactory.ParseString($$"""
            akka.remote.actors.shm.security.secret = "{{Secret}}"
            """).WithFallback(ShippedConfig.Load("lane.conf"));
}
