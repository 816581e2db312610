using Actors.Remote.FastLane;
using Actors.Remote.Provider;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// Under Akka's transport adapters (throttler, failure injector) the lane stays off on purpose, since it
/// would carry user messages past the throttling or failures the adapters apply; the warning says so
/// (it used to say shm "is not enabled").
/// </summary>
public sealed class LaneUnderAdaptersSpec
{
    [Fact]
    public async Task A_system_whose_shm_transport_runs_under_adapters_starts_without_a_lane_and_still_talks()
    {
        var config = ConfigurationFactory.ParseString("akka.remote.actors.shm.applied-adapters = [trttl, gremlin]")
            .WithFallback(ShippedConfig.Load("lane.conf"));
        using var system = ActorSystem.Create("adapted", config);
        using var peer = ActorSystem.Create("adapted", config);
        try
        {
            var provider = (ProcessAwareRemoteActorRefProvider)((ExtendedActorSystem)system).Provider;
            Assert.False(provider.Remoting!.LaneEnabled);
            var address = ((ExtendedActorSystem)peer).Provider.DefaultAddress;
            Assert.Equal("akka.trttl.gremlin.shm", address.Protocol);

            peer.ActorOf(Props.Create(() => new EchoActor()), "echo");
            var echo = await system.ActorSelection(new RootActorPath(address) / "user" / "echo").ResolveOne(TimeSpan.FromSeconds(15));
            Assert.Equal(new Ping(1, "through the adapters"), await echo.Ask<Ping>(new Ping(1, "through the adapters"), TimeSpan.FromSeconds(15)));
        }
        finally
        {
            await Task.WhenAll(system.Terminate(), peer.Terminate()).WaitAsync(TimeSpan.FromSeconds(15));
        }
    }

    [Fact]
    public void The_warning_names_the_adapters_and_why_the_lane_stays_off()
    {
        var reason = LaneInstaller.WhyNoLane([new Address("akka.trttl.gremlin.shm", "sys", "host", 1)]);
        Assert.Contains("akka.trttl.gremlin.shm", reason);
        Assert.Contains("past the throttling or failure injection", reason);
        Assert.DoesNotContain("none of this system's transports", reason);

        Assert.Contains("none of this system's transports", LaneInstaller.WhyNoLane([new Address("akka.tcp", "sys", "host", 1)]));
    }
}
