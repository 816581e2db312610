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
using Akka.Remote;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// Regressions of issue 15, each found from outside the suite: the lane delivered an Ask's request to
/// the asker after 4 096 temporary actors, kept delivering to and from a quarantined incarnation,
/// dropped bursts by default, let silent connections pile up past the pending-hello limit, and never
/// noticed a peer whose heartbeat stood still.
/// </summary>
/// <remarks>A leaf per link the lane takes: <see cref="BugFix15OverShmSpec"/> (with the shm lane listener's own checks), <see cref="BugFix15OverUdsSpec"/>, <see cref="BugFix15OverAtcpSpec"/>.</remarks>
public abstract class BugFix15Spec : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    protected const int PendingHelloLimit = 4;

    // Far more messages than the ring holds (64 KiB: about 2 000 of these) and than the lane used to hold back (100 000).
    private const int Burst = 150_000;
    private readonly ActorSystem _remote;

    /// <param name="output">The test's output.</param>
    /// <param name="link">The transport both systems use, in front of lane.conf (empty: lane.conf's shm).</param>
    protected BugFix15Spec(ITestOutputHelper output, Config link) : base(SystemConfig(link), "local", output)
    {
        _remote = ActorSystem.Create("remote", SystemConfig(link));
        _remote.ActorOf(Props.Create(() => new PongActor()), "pong");
        _remote.ActorOf(Props.Create(() => new SequenceCheckerActor(Burst)), "checker");
        RemoteAddress = ((ExtendedActorSystem)_remote).Provider.DefaultAddress;
    }

    protected ActorSystem Remote => _remote;

    protected Address RemoteAddress { get; }

    protected Address LocalAddress => ((ExtendedActorSystem)Sys).Provider.DefaultAddress;

    [Fact]
    public async Task Ten_thousand_Asks_in_a_row_through_the_lane_each_get_their_own_reply()
    {
        // Every Ask makes a temporary actor: 10 000 of them go far past the 4 096 numbers a lane's table holds.
        var pong = await ResolveAsync(RemoteAddress, "pong");
        await OpenLaneAsync(Sys, RemoteAddress, pong);
        var wrong = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var reply = await pong.Ask<object>(new Ping(i, "ask"), Timeout);
            if (reply is not Pong { Seq: var seq } || seq != i)
            {
                wrong.Add($"ask {i} got {reply}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} Asks got another reply than their own, the first: {string.Join("; ", wrong.Take(3))}");
        Assert.True(LaneFrom(Sys, RemoteAddress).SentCount >= 10_000, "the Asks did not take the lane");
    }

    [Fact]
    public async Task A_quarantined_incarnation_gets_nothing_through_the_lane_either_way()
    {
        var pong = await ResolveAsync(RemoteAddress, "pong");
        await OpenLaneAsync(Sys, RemoteAddress, pong);
        // The remote side's lane into this system, open before the quarantine.
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(TestActor)), "forwarder");
        var forwarderThere = await ResolveFrom(_remote, LocalAddress, "forwarder");
        await OpenLaneAsync(_remote, LocalAddress, forwarderThere);
        forwarderThere.Tell("before");
        await ExpectMsgAsync("before", Timeout);

        var uid = AddressUidExtension.Uid(_remote);
        ((RemoteActorRefProvider)((ExtendedActorSystem)Sys).Provider).Quarantine(RemoteAddress, uid);
        await AwaitConditionAsync(() => Task.FromResult(!LaneFrom(Sys, RemoteAddress).IsOpen), Timeout);

        // As over the classic path: the quarantined incarnation is never reached again, and what it sends is not delivered.
        await Assert.ThrowsAsync<AskTimeoutException>(() => pong.Ask<Pong>(new Ping(1, "after quarantine"), TimeSpan.FromSeconds(2)));
        forwarderThere.Tell("after");
        await ExpectNoMsgAsync(TimeSpan.FromSeconds(2));
        Assert.False(LaneFrom(Sys, RemoteAddress).IsOpen, "a lane was opened again to a quarantined incarnation");
        Sys.Stop(forwarder);
    }

    [Fact]
    public async Task A_burst_far_larger_than_the_ring_loses_nothing_by_default()
    {
        // The reader is held until we let it go (the barrier never arrives: the barrier actor is gone),
        // so every message beyond the ring's few thousand waits on the writing side.
        var barrier = await _remote.ActorSelection("/system/actors-lane").ResolveOne(Timeout);
        await WatchAsync(barrier);
        barrier.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(barrier, Timeout);
        var deadBarriers = CreateTestProbe(_remote);
        _remote.EventStream.Subscribe(deadBarriers.Ref, typeof(DeadLetter));

        var checker = await ResolveAsync(RemoteAddress, "checker");
        var lane = LaneFrom(Sys, RemoteAddress);
        checker.Tell(new Identify(null), ActorRefs.NoSender);
        await AwaitConditionAsync(() => Task.FromResult(lane.IsOpen), Timeout);
        var opened = (LaneOpened)(await deadBarriers.FishForMessageAsync<DeadLetter>(d => d.Message is LaneOpened, Timeout)).Message;

        for (var i = 0; i < Burst; i++)
        {
            checker.Tell(new Numbered(i), TestActor);
        }

        Assert.Equal(0, lane.OverflowCount);
        HubOf(_remote).Release(opened.Segment);
        await ExpectMsgAsync(new SequenceReport(Burst, Burst), Timeout);
    }

    protected override void AfterAll()
    {
        _remote.Terminate().Wait(Timeout);
        base.AfterAll();
    }

    protected const string Secret = "bug-fix-15-shared-secret-0123";

    private protected static LaneHub HubOf(ActorSystem system) => ((ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Remoting!.Hub!;

    private static OutboundLane LaneFrom(ActorSystem system, Address to) => HubOf(system).LaneTo(to);

    private Task<IActorRef> ResolveAsync(Address address, string name) => ResolveFrom(Sys, address, name);

    private static async Task<IActorRef> ResolveFrom(ActorSystem system, Address address, string name) =>
        await system.ActorSelection(new RootActorPath(address) / "user" / name).ResolveOne(Timeout);

    /// <summary>The first Tell starts opening the lane; this waits until it is open.</summary>
    private async Task OpenLaneAsync(ActorSystem from, Address to, IActorRef target)
    {
        await AwaitConditionAsync(
            () =>
            {
                target.Tell(new Identify("open the lane"), ActorRefs.NoSender);
                return Task.FromResult(LaneFrom(from, to).IsOpen);
            },
            Timeout,
            TimeSpan.FromMilliseconds(100));
    }

    private static Config SystemConfig(Config link) =>
        ConfigurationFactory.ParseString($$"""
            akka.loglevel = INFO
            akka.remote.actors.lane.ring-size = 64 KiB
            akka.remote.actors.security.secret = "{{Secret}}"
            akka.remote.actors.security.maximum-pending-handshakes = {{PendingHelloLimit}}
            akka.remote.actors.shm.heartbeat-interval = 100 ms
            akka.remote.actors.shm.stale-peer-timeout = 1500 ms
            """).WithFallback(link).WithFallback(ShippedConfig.Load("lane.conf"));

    /// <summary>Answers a <see cref="Ping"/> with a <see cref="Pong"/> of the same number: a reply that is the request itself is wrong.</summary>
    private sealed class PongActor : ReceiveActor
    {
        public PongActor() => Receive<Ping>(ping => Sender.Tell(new Pong(ping.Seq)));
    }
}
