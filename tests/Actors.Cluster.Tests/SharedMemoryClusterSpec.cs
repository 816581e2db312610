using Actors.ClusterPeer;
using Actors.Remote.FastLane;
using Actors.TestSupport;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>The cluster as cluster.conf ships it: shared memory, with the fast lane for user messages.</summary>
public sealed class SharedMemoryClusterSpec(ITestOutputHelper output) : OneMachineClusterSpec(ClusterTransport.SharedMemoryWithLane, output)
{
    [Fact]
    public async Task User_messages_between_members_take_the_fast_lane_both_ways()
    {
        await using var seed = await TestMember.StartAsync(Transport.Overrides);
        await using var peers = await PeerGroup.JoinAsync(seed, Transport.Overrides, 1);
        await seed.AwaitUpAsync([seed.Address, peers[0].Address], Timeout);

        var echo = await seed.System.ActorSelection(new RootActorPath(peers[0].Address) / "user" / EchoActor.Name).ResolveOne(Timeout);
        Assert.IsType<LaneActorRef>(echo);

        var hub = ((ActorsClusterActorRefProvider)((ExtendedActorSystem)seed.System).Provider).Remoting!.Hub;
        Assert.NotNull(hub);
        var lane = hub.LaneTo(peers[0].Address);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"ping {i}", await echo.Ask<string>($"ping {i}", Timeout));
        }

        // The first Tells go the classic way while the lane opens; then requests take it.
        Assert.True(lane.IsOpen, "the lane to the other member did not open");
        Assert.True(lane.SentCount > 0, "no request took the lane");
        // The peer's reference to the asker is a lane reference too, so its reply takes the lane back.
        Assert.Equal(nameof(LaneActorRef), await echo.Ask<string>(DescribeSender.Instance, Timeout));
    }
}
