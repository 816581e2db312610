using System.Net.Sockets;
using Actors.Remote.FastLane;
using Actors.Remote.Handshake;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>Issue 15's regressions in shared-memory rings, and those of the shm lane listener and its heartbeats.</summary>
public sealed class BugFix15OverShmSpec(ITestOutputHelper output) : BugFix15Spec(output, Config.Empty)
{
    [Fact]
    public async Task Silent_lane_connections_beyond_maximum_pending_handshakes_are_closed_at_once()
    {
        var hub = HubOf(Remote);
        var warnings = CreateTestProbe(Remote);
        Remote.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        var silent = new List<Socket>();
        try
        {
            for (var i = 0; i < PendingHelloLimit; i++)
            {
                silent.Add(await UnixSocketEndpoint.ConnectAsync(hub.ControlSocketPath(RemoteAddress.Port!.Value), CancellationToken.None));
            }

            // One more than the limit: closed without waiting for a hello that never comes.
            using var extra = await UnixSocketEndpoint.ConnectAsync(hub.ControlSocketPath(RemoteAddress.Port!.Value), CancellationToken.None);
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            var read = await extra.ReceiveAsync(new byte[64], SocketFlags.None, bound.Token);
            Assert.Equal(0, read);
            await warnings.FishForMessageAsync<Warning>(w => $"{w.Message}".Contains("maximum-pending-handshakes"), Timeout);
        }
        finally
        {
            silent.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_lane_whose_writer_stops_beating_is_closed_after_stale_peer_timeout()
    {
        var hub = HubOf(Remote);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), hub.RingSettings.StalePeerTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(100), hub.RingSettings.HeartbeatInterval);

        // A writer that opens a lane by the book, then never moves its heartbeat (as a SIGSTOPped process).
        using var socket = await UnixSocketEndpoint.ConnectAsync(hub.ControlSocketPath(RemoteAddress.Port!.Value), CancellationToken.None);
        await using var control = new NetworkStream(socket, ownsSocket: false);
        var security = new SecuritySettings(Secret);
        await Handshaker.ExchangeAsync(control, Timeout, CancellationToken.None, LocalAddress.ToString(), security, HandshakeRole.Connecting);
        await LaneGreeting.ExchangeAsync(control, 12345, CancellationToken.None);
        using var segment = await SegmentRendezvous.OfferAsync(control, hub.RingSettings, CancellationToken.None);

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await socket.ReceiveAsync(new byte[1], SocketFlags.None, bound.Token);
        Assert.Equal(0, read);
    }
}
