using Actors.Remote.Provider;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Tests.Provider;

/// <summary>
/// One process-aware provider: <c>lane.enabled</c> is the one switch for the lane, and the former
/// provider names still start a system with exactly the same behaviour.
/// </summary>
public sealed class ProcessAwareProviderSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("uds.conf")]
    [InlineData("shm.conf")]
    [InlineData("tcp.conf")]
    public async Task A_config_without_a_lane_section_starts_with_the_lane_off(string shippedConfig)
    {
        // The shipped configs other than lane.conf name no akka.remote.actors.lane section at all.
        var system = ActorSystem.Create("provider", ShippedConfig.Load(shippedConfig));
        try
        {
            var actual = Assert.IsAssignableFrom<ProcessAwareRemoteActorRefProvider>(((ExtendedActorSystem)system).Provider);
            Assert.False(actual.Remoting!.LaneEnabled);
        }
        finally
        {
            await system.Terminate().WaitAsync(Timeout);
        }
    }

    [Theory]
    [InlineData("Actors.Remote.Provider.ProcessAwareRemoteActorRefProvider, Actors.Remote", "on", true)]
    [InlineData("Actors.Remote.Provider.ProcessAwareRemoteActorRefProvider, Actors.Remote", "off", false)]
    [InlineData("Actors.Remote.FastLane.LaneActorRefProvider, Actors.Remote", "on", true)]
    [InlineData("Actors.Remote.DeathWatch.ActorsRemoteActorRefProvider, Actors.Remote", "on", true)]
    [InlineData("Actors.Remote.DeathWatch.ActorsRemoteActorRefProvider, Actors.Remote", "off", false)]
    public async Task The_lane_follows_lane_enabled_under_every_provider_name(string provider, string laneEnabled, bool expectLane)
    {
        var config = ConfigurationFactory.ParseString($"""
            akka.actor.provider = "{provider}"
            akka.remote.actors.lane.enabled = {laneEnabled}
            """).WithFallback(ShippedConfig.Load("lane.conf"));
        var system = ActorSystem.Create("provider", config);
        try
        {
            var actual = Assert.IsAssignableFrom<ProcessAwareRemoteActorRefProvider>(((ExtendedActorSystem)system).Provider);
            Assert.Equal(expectLane, actual.Remoting!.LaneEnabled);
        }
        finally
        {
            await system.Terminate().WaitAsync(Timeout);
        }
    }
}
