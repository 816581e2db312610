using System.Net.Sockets;
using Actors.Remote.FastLane;
using Actors.Remote.Provider;
using Actors.Remote.Handshake;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// A peer that passes the hello and then writes nonsense into its lane's ring: the receiving lane
/// closes with a clear error, nothing is delivered, and the system goes on serving lanes that behave.
/// </summary>
public sealed class LaneHostileRecordsSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string Secret = "hostile-records-shared-secret-0123";

    public LaneHostileRecordsSpec(ITestOutputHelper output) : base(SystemConfig(), "target", output)
    {
    }

    [Theory]
    [InlineData("a message naming an actor never defined", new byte[] { LaneRecords.MessageKind, 9, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0, 0, 0 })]
    [InlineData("a definition cut short", new byte[] { LaneRecords.DefinitionKind, 1, 0 })]
    [InlineData("a manifest longer than its record", new byte[] { LaneRecords.MessageKind, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0, 0xFF, 0xFF })]
    [InlineData("a record of an unknown kind", new byte[] { 77, 1, 2, 3 })]
    [InlineData("a fence in a lane without a large-message channel", new byte[] { LaneRecords.FenceKind, 1, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("a channel record naming no lane", new byte[] { LaneRecords.ChannelKind })]
    [InlineData("a channel record whose name is not UTF-8", new byte[] { LaneRecords.ChannelKind, 0xC3, 0x28 })]
    public async Task A_lane_that_carries_a_broken_record_is_closed_with_the_reason_and_nothing_is_delivered(string what, byte[] record)
    {
        Output.WriteLine(what);
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        var hub = ((ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)Sys).Provider).Remoting!.Hub!;
        var port = ((ExtendedActorSystem)Sys).Provider.DefaultAddress.Port!.Value;
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new ForwardingActor(probe.Ref)), "inbox");

        using var socket = await UnixSocketEndpoint.ConnectAsync(hub.ControlSocketPath(port), CancellationToken.None);
        await using var control = new NetworkStream(socket, ownsSocket: false);
        await Handshaker.ExchangeAsync(control, Timeout, CancellationToken.None, "akka.shm://hostile@localhost:1", new SecuritySettings(Secret), HandshakeRole.Connecting);
        await LaneGreeting.ExchangeAsync(control, 4242, CancellationToken.None);
        using var segment = await SegmentRendezvous.OfferAsync(control, hub.RingSettings, CancellationToken.None);

        // One good definition of our inbox, then the broken record, then a good message that must not arrive.
        var inbox = System.Text.Encoding.UTF8.GetBytes($"{((ExtendedActorSystem)Sys).Provider.DefaultAddress}/user/inbox");
        var definition = new byte[LaneRecords.DefinitionLength(inbox.Length)];
        LaneRecords.WriteDefinition(definition, 0, inbox);
        Assert.True(segment.Outbound.TryWrite(definition));
        Assert.True(segment.Outbound.TryWrite(record));
        var payload = Sys.Serialization.FindSerializerForType(typeof(string)).ToBinary("must not arrive");
        var message = new byte[LaneRecords.MessageLength(0, payload.Length)];
        LaneRecords.WriteMessage(message, 0, LaneRecords.NoSender, Sys.Serialization.FindSerializerForType(typeof(string)).Identifier, [], payload);
        Assert.True(segment.Outbound.TryWrite(message));
        segment.Outbound.WakeConsumer();
        hub.Release(Path.GetFileName(segment.Path));

        await errors.FishForMessageAsync<Error>(e => $"{e.Cause?.Message}".Contains("lane record") || $"{e.Cause?.Message}".Contains("never defined"), Timeout);
        using var bound = new CancellationTokenSource(Timeout);
        Assert.Equal(0, await socket.ReceiveAsync(new byte[1], SocketFlags.None, bound.Token));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    private static Config SystemConfig() =>
        ConfigurationFactory.ParseString($$"""
            akka.remote.actors.lane.ring-size = 64 KiB
            akka.remote.actors.security.secret = "{{Secret}}"
            """).WithFallback(ShippedConfig.Load("lane.conf"));
}
