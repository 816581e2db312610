using Actors.Remote.Diagnostics;
using Actors.Remote.FastLane;
using Actors.Remote.Provider;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote;
using Akka.TestKit;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// The lane's large-message channel between two real actor systems, over each kind of link (a leaf per link):
/// a large message whose deserialization is held does not hold small messages of other pairs sent after it, while a
/// small message of its own pair waits for it and arrives after it.
/// </summary>
public abstract class LargeMessageChannelSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // Above the threshold below, under the largest record a 4 MiB ring takes (512 KiB).
    private const int LargeBytes = 200 * 1024;

    private readonly ActorSystem _remote;
    private readonly TestProbe _arrivals;
    private readonly Address _remoteAddress;

    /// <param name="output">The test's output.</param>
    /// <param name="link">The transport both systems use, in front of lane.conf (empty: lane.conf's shm).</param>
    protected LargeMessageChannelSpec(ITestOutputHelper output, Config link) : base(SystemConfig(link), "local", output)
    {
        _remote = ActorSystem.Create("remote", SystemConfig(link));
        _arrivals = CreateTestProbe(_remote);
        _remote.ActorOf(Props.Create(() => new RecorderActor(_arrivals.Ref)), "recorder");
        _remoteAddress = ((ExtendedActorSystem)_remote).Provider.DefaultAddress;
    }

    [Fact]
    public async Task A_small_message_of_another_pair_is_not_stuck_behind_a_large_one_while_one_of_the_same_pair_follows_it()
    {
        var recorder = await OpenLargeChannelAsync();
        var first = CreateTestProbe().Ref;
        var second = CreateTestProbe().Ref;

        using (var gate = GatedSerializer.Close())
        {
            recorder.Tell(new GatedLarge(gate.Key, new byte[LargeBytes]), first);
            recorder.Tell("after the large one, same pair", first);
            recorder.Tell("after the large one, another pair", second);

            // Delivered while the large message's deserialization is held.
            Assert.Equal($"after the large one, another pair from {second.Path.Name}", await _arrivals.ExpectMsgAsync<string>(Timeout));
            gate.Open();
            Assert.Equal($"large from {first.Path.Name}", await _arrivals.ExpectMsgAsync<string>(Timeout));
            Assert.Equal($"after the large one, same pair from {first.Path.Name}", await _arrivals.ExpectMsgAsync<string>(Timeout));
        }

        Assert.True(LaneFrom(Sys).HasLargeChannel, "the lane lost its large-message channel");
    }

    [Fact]
    public async Task Order_is_kept_for_a_pair_that_alternates_small_and_large_messages()
    {
        var recorder = await OpenLargeChannelAsync();
        var sender = CreateTestProbe().Ref;

        for (var i = 0; i < 20; i++)
        {
            if (i % 3 == 1)
            {
                recorder.Tell(new GatedLarge(Guid.Empty, new byte[LargeBytes + i]), sender);
            }
            else
            {
                recorder.Tell($"small {i}", sender);
            }
        }

        for (var i = 0; i < 20; i++)
        {
            var expected = i % 3 == 1 ? $"large from {sender.Path.Name}" : $"small {i} from {sender.Path.Name}";
            Assert.Equal(expected, await _arrivals.ExpectMsgAsync<string>(Timeout));
        }
    }

    [Fact]
    public async Task A_message_above_the_frame_limit_is_still_discarded_with_a_clear_error()
    {
        var recorder = await OpenLargeChannelAsync();
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));

        recorder.Tell(new GatedLarge(Guid.Empty, new byte[HubOf(Sys).MaximumMessageBytes + 1]), TestActor);

        await errors.FishForMessageAsync<Error>(e => $"{e.Message}".Contains("Discarding oversized payload"), Timeout);
        recorder.Tell("still open", TestActor);
        Assert.Equal($"still open from {TestActor.Path.Name}", await _arrivals.ExpectMsgAsync<string>(Timeout));
    }

    [Fact]
    public async Task A_lane_with_two_channels_is_one_association_row_and_a_quarantine_ends_both_channels()
    {
        await OpenLargeChannelAsync();
        Assert.Equal(2, HubOf(_remote).InboundLinkCount);
        Assert.Equal(1, InboundLaneRowsOf(_remote));

        var local = ((ExtendedActorSystem)Sys).Provider.DefaultAddress;
        ((RemoteActorRefProvider)((ExtendedActorSystem)_remote).Provider).Quarantine(local, AddressUidExtension.Uid(Sys));

        await AwaitConditionAsync(() => Task.FromResult(HubOf(_remote).InboundLinkCount == 0 && InboundLaneRowsOf(_remote) == 0 && !LaneFrom(Sys).HasLargeChannel), Timeout);
    }

    protected override void AfterAll()
    {
        _remote.Terminate().Wait(Timeout);
        base.AfterAll();
    }

    private static LaneHub HubOf(ActorSystem system) =>
        ((ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Remoting!.Hub!;

    /// <summary>The lanes into <paramref name="system"/> as its open associations list them.</summary>
    private static int InboundLaneRowsOf(ActorSystem system) =>
        OpenAssociations.Of(system).Count(a => a.Path == MetricTags.Lane && !a.Outbound);

    private OutboundLane LaneFrom(ActorSystem system) => HubOf(system).LaneTo(_remoteAddress);

    /// <summary>Opens the lane, then its large-message channel (the first large message starts it and takes the small channel), and drains what that sent.</summary>
    private async Task<IActorRef> OpenLargeChannelAsync()
    {
        var recorder = await Sys.ActorSelection(new RootActorPath(_remoteAddress) / "user" / "recorder").ResolveOne(Timeout);
        recorder.Tell(new Identify("open the lane"));
        await AwaitConditionAsync(() => Task.FromResult(LaneFrom(Sys).IsOpen), Timeout);
        await ExpectMsgAsync<ActorIdentity>(Timeout);

        recorder.Tell(new GatedLarge(Guid.Empty, new byte[LargeBytes]), TestActor);
        await AwaitConditionAsync(() => Task.FromResult(LaneFrom(Sys).HasLargeChannel), Timeout);
        recorder.Tell(new GatedLarge(Guid.Empty, new byte[LargeBytes]), TestActor);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal($"large from {TestActor.Path.Name}", await _arrivals.ExpectMsgAsync<string>(Timeout));
        }

        return recorder;
    }

    private static Config SystemConfig(Config link) =>
        ConfigurationFactory.ParseString("""
            akka.remote.actors.lane.ring-size = 4 MiB
            akka.remote.actors.lane.large-message-threshold = 64 KiB
            akka.remote.actors.security.secret = "large-channel-spec-secret-0123"
            akka.actor.serializers.gated = "Actors.Remote.Tests.FastLane.GatedSerializer, Actors.Remote.Tests"
            akka.actor.serialization-bindings { "Actors.Remote.Tests.FastLane.GatedLarge, Actors.Remote.Tests" = gated }
            """).WithFallback(link).WithFallback(ShippedConfig.Load("lane.conf"));

    /// <summary>Says what arrived, and from whom, to a probe of its own system.</summary>
    private sealed class RecorderActor : ReceiveActor
    {
        public RecorderActor(IActorRef arrivals)
        {
            Receive<GatedLarge>(_ => arrivals.Tell($"large from {Sender.Path.Name}"));
            Receive<string>(text => arrivals.Tell($"{text} from {Sender.Path.Name}"));
        }
    }
}
