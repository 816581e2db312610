using Actors.Remote.Diagnostics;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// The automatic choice: two systems configured with atcp addresses alone (<c>lane.shared-memory = auto</c>,
/// the default), on one machine as one user, so their lanes move from the TCP connection into shared-memory
/// rings by themselves; everything <see cref="LaneSpec"/> asks of a lane holds there too.
/// </summary>
public sealed class LaneAutoOverAtcpSpec(ITestOutputHelper output) : LaneSpec(output, ShippedConfig.Load("tcp.conf"))
{
    [Fact]
    public async Task Lanes_between_systems_on_one_machine_take_shared_memory_both_ways()
    {
        var echo = await ResolveAsync("echo");
        await OpenLaneAsync(echo);

        Assert.Equal(new Ping(7, "by the ring"), await echo.Ask<Ping>(new Ping(7, "by the ring"), Timeout));
        Assert.Equal(MetricTags.LaneTransport, LaneFrom(Sys, RemoteAddress).LinkTransportTag);
        Assert.Equal(MetricTags.LaneTransport, LaneFrom(Remote, ((Akka.Actor.ExtendedActorSystem)Sys).Provider.DefaultAddress).LinkTransportTag);
    }
}
