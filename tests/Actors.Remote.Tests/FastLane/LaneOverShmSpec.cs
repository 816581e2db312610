using System.Net.Sockets;
using Actors.Remote.Handshake;
using Actors.Remote.Sockets;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The lane in shared-memory rings (the system's transport is shm), and its own listener's checks.</summary>
public sealed class LaneOverShmSpec(ITestOutputHelper output) : LaneSpec(output, Config.Empty)
{
    [Theory]
    [InlineData("a-secret-this-lane-does-not-know-0123", "proof", "shared-secret proof is wrong")]
    [InlineData(null, "requires a shared secret, and none is configured on this side", "has no shared secret")]
    public async Task A_lane_connection_that_fails_the_secret_proof_is_refused_and_lanes_keep_working(string? secret, string ourReason, string listenerReason)
    {
        var warnings = CreateTestProbe();
        Remote.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        var hub = HubOf(Remote);

        // Straight to the lane's control socket, past Akka's association: the lane checks for itself.
        using (var socket = await UnixSocketEndpoint.ConnectAsync(hub.ControlSocketPath(RemoteAddress.Port!.Value), CancellationToken.None))
        await using (var control = new NetworkStream(socket, ownsSocket: false))
        {
            var ours = secret is null ? SecuritySettings.Default : new SecuritySettings(secret);
            var refused = await Assert.ThrowsAsync<HandshakeException>(() => Handshaker.ExchangeAsync(control, Timeout, CancellationToken.None, security: ours, role: HandshakeRole.Connecting));
            Assert.Contains(ourReason, refused.Message);
        }

        await warnings.FishForMessageAsync<Warning>(w => $"{w.Message}".Contains("refused a fast lane") && $"{w.Message}".Contains(listenerReason), Timeout);

        // A peer that knows the secret still gets its lane.
        var echo = await ResolveAsync("echo");
        await OpenLaneAsync(echo);
        var sentBefore = LaneFrom(Sys, RemoteAddress).SentCount;
        Assert.Equal(new Ping(7, "after a refused lane"), await echo.Ask<Ping>(new Ping(7, "after a refused lane"), Timeout));
        Assert.True(LaneFrom(Sys, RemoteAddress).SentCount > sentBefore, "the request did not take the lane");
    }
}
