using Actors.Remote.FastLane;
using Actors.Remote.Provider;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// A peer whose lane is off (an older node, or one configured so) refuses a lane connection to its
/// listener with a warning saying why; the sender keeps the classic path and nothing is lost.
/// </summary>
public sealed class LaneToAPeerWithoutLaneSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly ActorSystem _remote;

    public LaneToAPeerWithoutLaneSpec(ITestOutputHelper output) : base(SystemConfig(lane: "on"), "local", output)
    {
        _remote = ActorSystem.Create("remote", SystemConfig(lane: "off"));
        _remote.ActorOf(Props.Create(() => new EchoActor()), "echo");
    }

    [Fact]
    public async Task A_lane_to_a_peer_whose_lane_is_off_is_refused_and_messages_stay_classic()
    {
        var warnings = CreateTestProbe(_remote);
        _remote.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        var remoteAddress = ((ExtendedActorSystem)_remote).Provider.DefaultAddress;
        var echo = await Sys.ActorSelection(new RootActorPath(remoteAddress) / "user" / "echo").ResolveOne(Timeout);
        Assert.IsType<LaneActorRef>(echo);

        // The first Tell tries to open the lane; every Ask is answered, the classic way.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(new Ping(i, "classic"), await echo.Ask<Ping>(new Ping(i, "classic"), Timeout));
        }

        await warnings.FishForMessageAsync<Warning>(w => $"{w.Message}".Contains("this system's lane is off"), Timeout);
        var lane = ((ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)Sys).Provider).Remoting!.Hub!.LaneTo(remoteAddress);
        Assert.False(lane.IsOpen);
        Assert.Equal(0, lane.SentCount);
    }

    protected override void AfterAll()
    {
        _remote.Terminate().Wait(Timeout);
        base.AfterAll();
    }

    private static Config SystemConfig(string lane) =>
        ConfigurationFactory.ParseString($"akka.remote.actors.lane.enabled = {lane}").WithFallback(ShippedConfig.Load("uds.conf"));
}
