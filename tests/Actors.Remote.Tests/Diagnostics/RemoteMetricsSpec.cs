using System.Net.Sockets;
using Actors.Remote.Diagnostics;
using Actors.Remote.Framing;
using Actors.Remote.Handshake;
using Actors.Remote.Sockets;
using Actors.Remote.Streams;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Google.Protobuf;

namespace Actors.Remote.Tests.Diagnostics;

/// <summary>
/// Every instrument of the <c>Actors.Remote</c> meter moves in a real run between two actor systems of
/// this process, read by a <see cref="MeterListener"/>-based <see cref="MetricRecorder"/> that keeps only
/// the measurements of this test's systems (unique names), so tests running alongside do not interfere.
/// The death-to-Terminated histogram needs a killed process: see the multi-process metrics spec.
/// </summary>
public sealed class RemoteMetricsSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task PingPong_over_uds_moves_the_classic_counters_and_lists_the_association()
    {
        var (serverName, clientName) = Names();
        using var metrics = new MetricRecorder(RemoteMetrics.MeterName, serverName, clientName);
        await using var systems = new LocalTransportSystems("uds.conf", "akka.remote.actors.uds", "socket-directory");
        var server = systems.Start(serverName);
        server.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var client = systems.Start(clientName);
        var echo = await client.ActorSelection(new RootActorPath(LocalTransportSystems.AddressOf(server)) / "user" / "echo").ResolveOne(Timeout);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(new Ping(i, "ping"), await echo.Ask<Ping>(new Ping(i, "ping"), Timeout));
        }

        foreach (var system in new[] { clientName, serverName })
        {
            var tags = Tags(system, "uds", MetricTags.Classic);
            await metrics.WaitForAsync("actors.remote.messages.sent", m => m.Sum(x => x.Value) >= 10, Timeout, tags);
            await metrics.WaitForAsync("actors.remote.messages.received", m => m.Sum(x => x.Value) >= 10, Timeout, tags);
            await metrics.WaitForAsync("actors.remote.bytes.sent", m => m.Sum(x => x.Value) > 0, Timeout, tags);
            await metrics.WaitForAsync("actors.remote.bytes.received", m => m.Sum(x => x.Value) > 0, Timeout, tags);
            await metrics.WaitForAsync("actors.remote.associations.open", m => m.Any(x => x.Value >= 1), Timeout, tags);
        }

        var association = Assert.Single(ActorsRemoting.Associations(client), a => a.Remote.System == serverName);
        Assert.Equal(("uds", MetricTags.Classic, true), (association.Transport, association.Path, association.Outbound));
        Assert.Equal(LocalTransportSystems.AddressOf(client), association.Local);
        Assert.Contains(ActorsRemoting.Associations(server), a => a is { Transport: "uds", Path: MetricTags.Classic, Outbound: false });
    }

    [Fact]
    public async Task PingPong_over_the_lane_moves_the_lane_counters_and_ring_gauges_and_lists_the_lane()
    {
        var (serverName, clientName) = Names();
        using var metrics = new MetricRecorder(RemoteMetrics.MeterName, serverName, clientName);
        var server = ActorSystem.Create(serverName, ShippedConfig.Load("lane.conf"));
        var client = ActorSystem.Create(clientName, ShippedConfig.Load("lane.conf"));
        try
        {
            server.ActorOf(Props.Create(() => new EchoActor()), "echo");
            var serverAddress = ((ExtendedActorSystem)server).Provider.DefaultAddress;
            var echo = await client.ActorSelection(new RootActorPath(serverAddress) / "user" / "echo").ResolveOne(Timeout);
            var clientLane = Tags(clientName, "shm", MetricTags.Lane);
            var serverLane = Tags(serverName, "shm", MetricTags.Lane);

            // The lanes open on first use, each way on its own: ping until both carry messages.
            var deadline = DateTime.UtcNow + Timeout;
            for (var i = 0; metrics.Sum("actors.remote.messages.sent", clientLane) < 5 || metrics.Sum("actors.remote.messages.sent", serverLane) < 5; i++)
            {
                Assert.True(DateTime.UtcNow < deadline, "the lanes did not carry the pings within the timeout");
                Assert.Equal(new Ping(i, "ping"), await echo.Ask<Ping>(new Ping(i, "ping"), Timeout));
            }

            foreach (var tags in new[] { clientLane, serverLane })
            {
                await metrics.WaitForAsync("actors.remote.messages.received", m => m.Sum(x => x.Value) >= 5, Timeout, tags);
                await metrics.WaitForAsync("actors.remote.bytes.sent", m => m.Sum(x => x.Value) > 0, Timeout, tags);
                await metrics.WaitForAsync("actors.remote.bytes.received", m => m.Sum(x => x.Value) > 0, Timeout, tags);
                // Each side: its outbound lane and the inbound lane the other opened.
                await metrics.WaitForAsync("actors.remote.associations.open", m => m.Any(x => x.Value >= 2), Timeout, tags);
            }

            await metrics.WaitForAsync("actors.remote.associations.open", m => m.Any(x => x.Value >= 1), Timeout, Tags(clientName, "shm", MetricTags.Classic));
            var peer = (MetricTags.Peer, serverAddress.ToString());
            await metrics.WaitForAsync("actors.remote.lane.ring.capacity", m => m.Any(x => x.Value >= 1024 * 1024), Timeout, [.. clientLane, peer]);
            await metrics.WaitForAsync("actors.remote.lane.ring.usage", m => m.Any(x => x.Value >= 0), Timeout, [.. clientLane, peer]);

            var listed = ActorsRemoting.Associations(client);
            Assert.Contains(listed, a => a is { Transport: "shm", Path: MetricTags.Lane, Outbound: true } && a.Remote == serverAddress);
            Assert.Contains(listed, a => a is { Transport: "shm", Path: MetricTags.Lane, Outbound: false } && a.Remote == serverAddress);
            Assert.Contains(listed, a => a is { Transport: "shm", Path: MetricTags.Classic });
        }
        finally
        {
            await Task.WhenAll(client.Terminate(), server.Terminate()).WaitAsync(Timeout);
        }

        // Lanes end on their own threads a moment after the systems terminate: poll, within the bound.
        var closedBy = DateTime.UtcNow + Timeout;
        while (ActorsRemoting.Associations(client).Any() && DateTime.UtcNow < closedBy)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        Assert.Empty(ActorsRemoting.Associations(client));
        await metrics.WaitForAsync(
            "actors.remote.associations.open", m => m.Count > 0 && m[^1].Value == 0, Timeout, Tags(clientName, "shm", MetricTags.Lane));
    }

    [Fact]
    public async Task A_lane_whose_ring_is_not_read_counts_back_pressure_waits_a_full_ring_and_overflows()
    {
        var (serverName, clientName) = Names();
        using var metrics = new MetricRecorder(RemoteMetrics.MeterName, serverName, clientName);
        var config = ConfigurationFactory.ParseString("""
            akka.remote.actors.lane.ring-size = 64 KiB
            akka.remote.actors.lane.pending-limit = 100
            """).WithFallback(ShippedConfig.Load("lane.conf"));
        var server = ActorSystem.Create(serverName, config);
        var client = ActorSystem.Create(clientName, config);
        try
        {
            server.ActorOf(Props.Create(() => new EchoActor()), "echo");
            // With the receiver's barrier actor gone the lane opens but is never read (as in LaneOverflowSpec).
            var barrier = await server.ActorSelection("/system/actors-lane").ResolveOne(Timeout);
            barrier.Tell(PoisonPill.Instance);
            var serverAddress = ((ExtendedActorSystem)server).Provider.DefaultAddress;
            var echo = await client.ActorSelection(new RootActorPath(serverAddress) / "user" / "echo").ResolveOne(Timeout);
            var lane = Tags(clientName, "shm", MetricTags.Lane);
            var blob = new Blob(new byte[1024]);

            var deadline = DateTime.UtcNow + Timeout;
            while (metrics.Sum("actors.remote.lane.overflows", lane) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the lane did not overflow within the timeout");
                for (var i = 0; i < 100; i++)
                {
                    echo.Tell(blob);
                }

                await Task.Yield();
            }

            Assert.True(metrics.Sum("actors.remote.backpressure.waits", lane) >= 100, "every message held for room counts as a back-pressure wait");
            var full = await metrics.WaitForAsync(
                "actors.remote.lane.ring.usage", m => m.Any(x => x.Value > 32 * 1024), Timeout, [.. lane, (MetricTags.Peer, serverAddress.ToString())]);
            Assert.All(full, m => Assert.InRange(m.Value, 0, 64 * 1024));
        }
        finally
        {
            await Task.WhenAll(client.Terminate(), server.Terminate()).WaitAsync(Timeout);
        }
    }

    [Fact]
    public async Task A_hello_with_a_wrong_secret_is_counted_as_refused_with_reason_secret_on_both_sides()
    {
        var (serverName, clientName) = Names();
        using var metrics = new MetricRecorder(RemoteMetrics.MeterName, serverName, clientName);
        await using var systems = new LocalTransportSystems("uds.conf", "akka.remote.actors.uds", "socket-directory");
        var server = systems.Start(serverName, """security.secret = "the-servers-secret-0123456789" """);
        var client = systems.Start(clientName, """security.secret = "the-clients-secret-0123456789" """);

        client.ActorSelection(new RootActorPath(LocalTransportSystems.AddressOf(server)) / "user" / "nobody").Tell("refused");

        foreach (var system in new[] { serverName, clientName })
        {
            await metrics.WaitForAsync(
                "actors.remote.handshakes.refused", m => m.Count > 0, Timeout, [.. Tags(system, "uds", MetricTags.Classic), (MetricTags.Reason, HandshakeRefusal.Secret)]);
        }
    }

    [Fact]
    public async Task A_connection_beyond_maximum_pending_handshakes_is_counted_as_refused_with_reason_pending_limit()
    {
        var (serverName, _) = Names();
        using var metrics = new MetricRecorder(RemoteMetrics.MeterName, serverName);
        await using var systems = new LocalTransportSystems("uds.conf", "akka.remote.actors.uds", "socket-directory");
        var server = systems.Start(serverName, "security.maximum-pending-handshakes = 1");
        var socketFile = UnixSocketTransport.SocketPath(systems.FileDirectory, LocalTransportSystems.AddressOf(server).Port!.Value);
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var extra = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        await silent.ConnectAsync(new UnixDomainSocketEndPoint(socketFile));
        await extra.ConnectAsync(new UnixDomainSocketEndPoint(socketFile));

        await metrics.WaitForAsync(
            "actors.remote.handshakes.refused", m => m.Count > 0, Timeout, [.. Tags(serverName, "uds", MetricTags.Classic), (MetricTags.Reason, HandshakeRefusal.PendingLimit)]);
    }

    [Fact]
    public void A_full_outbound_buffer_counts_a_back_pressure_wait_and_with_a_limit_a_drop()
    {
        var (refusingName, droppingName) = Names();
        using var metrics = new MetricRecorder(RemoteMetrics.MeterName, refusingName, droppingName);
        var refusing = UnstartedHandle(refusingName, limit: null);
        var dropping = UnstartedHandle(droppingName, limit: FrameCodec.HeaderLength + StreamTransportSettings.MinimumFrameSize);
        var payload = ByteString.CopyFrom(new byte[StreamTransportSettings.MinimumFrameSize]);

        Assert.Equal([true, false, false], new[] { refusing.Write(payload), refusing.Write(payload), refusing.Write(payload) });
        Assert.Equal([true, true, true], new[] { dropping.Write(payload), dropping.Write(payload), dropping.Write(payload) });

        Assert.Equal(2, metrics.Sum("actors.remote.backpressure.waits", Tags(refusingName, "uds", MetricTags.Classic)));
        Assert.Equal(0, metrics.Sum("actors.remote.outbound.dropped", Tags(refusingName, "uds", MetricTags.Classic)));
        Assert.Equal(2, metrics.Sum("actors.remote.outbound.dropped", Tags(droppingName, "uds", MetricTags.Classic)));
        Assert.Equal(1, metrics.Sum("actors.remote.messages.sent", Tags(droppingName, "uds", MetricTags.Classic)));
        Assert.Equal(StreamTransportSettings.MinimumFrameSize, metrics.Sum("actors.remote.bytes.sent", Tags(droppingName, "uds", MetricTags.Classic)));
    }

    /// <summary>Two system names no other test uses.</summary>
    private static (string, string) Names()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        return ($"metrics-a-{unique}", $"metrics-b-{unique}");
    }

    private static (string Key, string Value)[] Tags(string system, string transport, string path) =>
        [(MetricTags.System, system), (MetricTags.Transport, transport), (MetricTags.Path, path)];

    /// <summary>A handle whose sending loop never runs, as if the peer read nothing; its buffer holds one frame.</summary>
    private static StreamAssociationHandle UnstartedHandle(string system, int? limit)
    {
        var oneFrame = FrameCodec.HeaderLength + StreamTransportSettings.MinimumFrameSize;
        var settings = new StreamTransportSettings(
            "", 0, "", StreamTransportSettings.MinimumFrameSize, oneFrame, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2))
        {
            OutboundBufferLimit = limit,
        };
        return new StreamAssociationHandle(
            new Address("uds", system, "host", 1), new Address("uds", "peer", "host", 2), Stream.Null, 0, settings, new CapturingLogger());
    }
}
