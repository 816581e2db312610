using System.Net.Sockets;
using Actors.Remote.FastLane;
using Actors.Remote.Provider;
using Actors.Remote.Handshake;
using Actors.Remote.Sockets;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// The fast lane between two real actor systems on the shipped <c>HOCON/lane.conf</c>, over each kind of
/// link (a leaf per link: <see cref="LaneOverShmSpec"/>, <see cref="LaneOverUdsSpec"/>, <see cref="LaneOverAtcpSpec"/>,
/// <see cref="LaneOverTlsSpec"/>): what actor code relies on stays true when user messages leave Akka.Remote's
/// endpoint for the lane.
/// </summary>
public abstract class LaneSpec : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly ActorSystem _remote;

    /// <param name="output">The test's output.</param>
    /// <param name="link">The transport both systems use, in front of lane.conf (empty: lane.conf's shm).</param>
    protected LaneSpec(ITestOutputHelper output, Config link) : base(SystemConfig(link), "local", output)
    {
        _remote = ActorSystem.Create("remote", SystemConfig(link));
        _remote.ActorOf(Props.Create(() => new EchoActor()), "echo");
        RemoteAddress = ((ExtendedActorSystem)_remote).Provider.DefaultAddress;
    }

    protected ActorSystem Remote => _remote;

    protected Address RemoteAddress { get; }

    [Fact]
    public async Task The_lane_reaches_the_peer_over_the_systems_own_transport()
    {
        var echo = await ResolveAsync("echo");
        await OpenLaneAsync(echo);

        Assert.Equal(RemoteAddress.Protocol, HubOf(Sys).LocalAddress.Protocol);
        Assert.Equal(RemoteAddress.Protocol == "akka.shm" ? "shm" : RemoteAddress.Protocol["akka.".Length..], HubOf(Sys).TransportTag);
    }

    [Fact]
    public async Task A_reference_from_ActorSelection_sends_by_the_lane_and_replies_to_Sender_come_back_by_the_lane()
    {
        var echo = await ResolveAsync("echo");
        Assert.IsType<LaneActorRef>(echo);

        await OpenLaneAsync(echo);
        var sentBefore = LaneFrom(Sys, RemoteAddress).SentCount;
        var reply = await echo.Ask<Ping>(new Ping(1, "through the lane"), Timeout);

        Assert.Equal(new Ping(1, "through the lane"), reply);
        Assert.True(LaneFrom(Sys, RemoteAddress).SentCount > sentBefore, "the request did not take the lane");
        Assert.True(LaneFrom(_remote, LocalAddress).SentCount > 0, "the reply did not take the lane back");
    }

    [Fact]
    public async Task A_reference_inside_a_message_crosses_the_lane_with_our_address_and_reaches_us_back()
    {
        _remote.ActorOf(Props.Create(() => new RelayActor()), "relay");
        var relay = await ResolveAsync("relay");
        await OpenLaneAsync(relay);
        var probe = CreateTestProbe();
        // A user actor: only messages to /user and /temp actors take the lane (a probe lives under /system).
        var inbox = Sys.ActorOf(Props.Create(() => new ForwardingActor(probe.Ref)), "inbox");
        var sentBefore = LaneFrom(Sys, RemoteAddress).SentCount;

        relay.Tell(new RelayTo(inbox, "by the reference inside"), ActorRefs.NoSender);

        // Written without our address, the reference would name an actor of the receiving system: dead letters there.
        await probe.ExpectMsgAsync("by the reference inside", Timeout);
        Assert.True(LaneFrom(Sys, RemoteAddress).SentCount > sentBefore, "the message did not take the lane");

        // The reference is a lane reference over there: once its lane back is open, what it carries takes it.
        var back = LaneFrom(_remote, LocalAddress);
        await AwaitConditionAsync(() => Task.FromResult(back.IsOpen), Timeout);
        var backBefore = back.SentCount;
        relay.Tell(new RelayTo(inbox, "and back by the lane"), ActorRefs.NoSender);
        await probe.ExpectMsgAsync("and back by the lane", Timeout);
        Assert.True(back.SentCount > backBefore, "the relayed message did not take the lane back");
    }

    [Fact]
    public async Task Order_is_kept_for_a_sender_and_receiver_while_the_lane_opens_part_way_through()
    {
        _remote.ActorOf(Props.Create(() => new OrderCheckerActor()), "checker");
        var target = await ResolveAsync("checker");
        var lane = LaneFrom(Sys, RemoteAddress);

        // The first Tell starts opening the lane: messages go the classic way until it is open, then by the lane.
        var sent = 0;
        while (!lane.IsOpen && sent < 2_000_000)
        {
            target.Tell(new Numbered(sent++), TestActor);
            if (sent % 500 == 0)
            {
                await Task.Delay(1);
            }
        }

        var classic = sent;
        for (var i = 0; i < 20_000; i++)
        {
            target.Tell(new Numbered(sent++), TestActor);
        }

        target.Tell(OrderCheckerActor.Report, TestActor);
        var report = await ExpectMsgAsync<SequenceReport>(Timeout);
        Output.WriteLine($"classic before the lane opened: {classic}; by the lane: {lane.SentCount}; in all: {sent}");
        Assert.Equal(new SequenceReport(sent, sent), report);
        Assert.True(classic > 0 && lane.SentCount > 0, "both paths must have carried messages");
    }

    [Fact]
    public async Task Watch_across_the_lane_delivers_Terminated_when_the_actor_stops()
    {
        _remote.ActorOf(Props.Create(() => new EchoActor()), "short-lived");
        var target = await ResolveAsync("short-lived");
        await OpenLaneAsync(target);

        await WatchAsync(target);
        target.Tell(PoisonPill.Instance);

        await ExpectTerminatedAsync(target, Timeout);
    }

    [Fact]
    public async Task A_message_that_cannot_be_serialized_is_logged_and_dropped_and_the_lane_lives_on()
    {
        var echo = await ResolveAsync("echo");
        await OpenLaneAsync(echo);
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));

        echo.Tell(new Unserializable("no serializer can write me"));

        await errors.FishForMessageAsync<Error>(e => e.Message.ToString()!.Contains("Failed to serialize remote message") && e.Message.ToString()!.Contains(nameof(Unserializable)), Timeout);
        Assert.True(LaneFrom(Sys, RemoteAddress).IsOpen);
        Assert.Equal("still here", await echo.Ask<string>("still here", Timeout));
    }

    [Fact]
    public async Task A_message_for_an_actor_that_does_not_exist_goes_to_dead_letters_on_the_receiving_side()
    {
        var echo = await ResolveAsync("echo");
        await OpenLaneAsync(echo);
        var deadLetters = CreateTestProbe(_remote);
        _remote.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var nobody = ((ExtendedActorSystem)Sys).Provider.ResolveActorRef(new RootActorPath(RemoteAddress) / "user" / "nobody");
        Assert.IsType<LaneActorRef>(nobody);

        nobody.Tell(new Ping(7, "anyone?"), TestActor);

        var dead = await deadLetters.FishForMessageAsync<DeadLetter>(d => d.Message is Ping, Timeout);
        Assert.Equal(new Ping(7, "anyone?"), dead.Message);
        Assert.Equal(TestActor.Path.Elements, dead.Sender.Path.Elements);
    }

    protected override void AfterAll()
    {
        _remote.Terminate().Wait(Timeout);
        base.AfterAll();
    }

    private Address LocalAddress => ((ExtendedActorSystem)Sys).Provider.DefaultAddress;

    private protected static LaneHub HubOf(ActorSystem system) =>
        ((ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Remoting!.Hub!;

    private protected static OutboundLane LaneFrom(ActorSystem system, Address to) => HubOf(system).LaneTo(to);

    protected async Task<IActorRef> ResolveAsync(string name) =>
        await Sys.ActorSelection(new RootActorPath(RemoteAddress) / "user" / name).ResolveOne(Timeout);

    /// <summary>The first Tell starts opening the lane; this waits until it is open.</summary>
    protected async Task OpenLaneAsync(IActorRef target)
    {
        target.Tell(new Identify("open the lane"));
        await AwaitConditionAsync(() => Task.FromResult(LaneFrom(Sys, RemoteAddress).IsOpen), Timeout);
        await ExpectMsgAsync<ActorIdentity>(Timeout);
    }

    /// <summary><paramref name="link"/> with <c>lane.shared-memory = off</c>: two systems of one process share a machine, and this keeps their lane on the link's connections.</summary>
    internal static Config OnTheStream(Config link) =>
        ConfigurationFactory.ParseString("akka.remote.actors.lane.shared-memory = off").WithFallback(link);

    private static Config SystemConfig(Config link) =>
        ConfigurationFactory.ParseString("""
            akka.remote.actors.lane.ring-size = 64 KiB
            akka.remote.actors.lane.pending-limit = off
            # Associations and lanes alike must pass the shared-secret proof.
            akka.remote.actors.security.secret = "lane-spec-shared-secret-0123"
            akka.actor.serializers.failing = "Actors.Remote.Tests.FastLane.FailingSerializer, Actors.Remote.Tests"
            akka.actor.serialization-bindings { "Actors.Remote.Tests.FastLane.Unserializable, Actors.Remote.Tests" = failing }
            """).WithFallback(link).WithFallback(ShippedConfig.Load("lane.conf"));

    /// <summary>Asks the receiver to send <paramref name="Text"/> to <paramref name="Target"/>.</summary>
    public sealed record RelayTo(IActorRef Target, string Text);

    /// <summary>Sends each <see cref="RelayTo"/>'s text to the reference the message carries.</summary>
    private sealed class RelayActor : ReceiveActor
    {
        public RelayActor() => Receive<RelayTo>(message => message.Target.Tell(message.Text));
    }

    /// <summary>Counts <see cref="Numbered"/> messages and how many came exactly in turn; reports when asked.</summary>
    private sealed class OrderCheckerActor : ReceiveActor
    {
        public const string Report = "report";

        public OrderCheckerActor()
        {
            var received = 0;
            var inOrder = 0;
            Receive<Numbered>(message =>
            {
                received++;
                if (message.Seq == inOrder)
                {
                    inOrder++;
                }
            });
            Receive<string>(m => m == Report, _ => Sender.Tell(new SequenceReport(received, inOrder)));
        }
    }
}
