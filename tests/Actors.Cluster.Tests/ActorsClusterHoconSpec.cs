using Actors.Cluster;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Cluster.Tests;

/// <summary>The shipped cluster config served from code (<see cref="ActorsClusterHocon"/>), so a package user needs no file of ours.</summary>
public sealed class ActorsClusterHoconSpec
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_cluster_config_is_served_from_code_exactly_as_its_file()
    {
        var file = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HOCON", "cluster.conf"));

        Assert.Equal(file, ActorsClusterHocon.Cluster);
    }

    [Fact]
    public async Task A_member_starts_from_the_served_cluster_config_with_no_file()
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(ActorsClusterHocon.Cluster);
        var system = ActorSystem.Create("served-cluster", config);
        try
        {
            Assert.IsType<ActorsClusterActorRefProvider>(((ExtendedActorSystem)system).Provider);
            Assert.Equal("akka.atcp", Akka.Cluster.Cluster.Get(system).SelfAddress.Protocol);
        }
        finally
        {
            await system.Terminate().WaitAsync(Bound);
        }
    }
}
