using Actors.ClusterPeer;
using Actors.Remote.FastLane;
using Actors.TestSupport;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>A one-machine cluster with the fast lane on: user messages between members take a shared-memory ring.</summary>
public abstract class FastLaneClusterSpec(ClusterTransport transport, ITestOutputHelper output) : OneMachineClusterSpec(transport, output)
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
        Assert.Equal("shm", lane.LinkTransportTag);
        // The peer's reference to the asker is a lane reference too, so its reply takes the lane back.
        Assert.Equal(nameof(LaneActorRef), await echo.Ask<string>(DescribeSender.Instance, Timeout));
    }
}

/// <summary>cluster.conf as shipped: atcp, whose lanes move into shared-memory rings by themselves on one machine.</summary>
public sealed class TcpAutoLaneClusterSpec(ITestOutputHelper output) : FastLaneClusterSpec(ClusterTransport.TcpWithAutoLane, output);

/// <summary>cluster.conf on shared memory for everything, with the fast lane.</summary>
public sealed class SharedMemoryClusterSpec(ITestOutputHelper output) : FastLaneClusterSpec(ClusterTransport.SharedMemoryWithLane, output);
