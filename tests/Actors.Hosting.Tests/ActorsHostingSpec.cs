using Actors.Cluster;
using Actors.Hosting;
using Actors.Remote.Diagnostics;
using Actors.Remote.Provider;
using Akka.Actor;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Hosting.Tests;

/// <summary>Real hosts started in this process, configured only through Akka.Hosting.</summary>
public sealed class ActorsHostingSpec
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WithActorsRemoting_over_shm_with_the_lane_runs_our_provider_with_the_lane_on_even_after_WithRemoting()
    {
        await WithHostAsync(akka => akka
            .WithActorsRemoting(o => (o.Transport, o.LaneEnabled) = (ActorsTransport.Shm, true))
            .WithRemoting("127.0.0.1", 0),
            system =>
            {
                var provider = Assert.IsType<ProcessAwareRemoteActorRefProvider>(((ExtendedActorSystem)system).Provider);
                Assert.True(provider.Remoting?.LaneEnabled);
                Assert.Equal("akka.shm", provider.DefaultAddress.Protocol);
                Assert.Empty(ProviderCheck.Problems(system));
            });
    }

    [Fact]
    public async Task WithActorsCluster_runs_the_cluster_provider_over_our_transport()
    {
        await WithHostAsync(akka => akka
            .WithActorsCluster(o => o.Transport = ActorsTransport.Uds, c => c.Roles.Add("worker")),
            system =>
            {
                var provider = Assert.IsType<ActorsClusterActorRefProvider>(((ExtendedActorSystem)system).Provider);
                Assert.Equal("akka.uds", provider.DefaultAddress.Protocol);
                Assert.Contains("worker", system.Settings.Config.GetStringList("akka.cluster.roles"));
                Assert.Empty(ProviderCheck.Problems(system));
            });
    }

    [Fact]
    public async Task The_lane_under_a_provider_set_in_HOCON_and_replaced_by_WithRemoting_is_reported_as_ignored()
    {
        await WithHostAsync(akka => akka
            .WithActorsRemoting(o => (o.Transport, o.LaneEnabled, o.SetProvider) = (ActorsTransport.Shm, true, false))
            .AddHocon($"akka.actor.provider = \"{ProviderCheck.RemoteProvider}\"", HoconAddMode.Append)
            .WithRemoting("127.0.0.1", 0),
            system =>
            {
                var problems = ProviderCheck.Problems(system);
                Assert.Equal(2, problems.Count);
                Assert.StartsWith("Actors transport runs under a provider that is not ours: transports=akka.remote.actors.shm, provider=Akka.Remote.RemoteActorRefProvider;", problems[0], StringComparison.Ordinal);
                Assert.StartsWith("akka.remote.actors.lane.enabled = on is ignored: provider=Akka.Remote.RemoteActorRefProvider does not honour it", problems[1], StringComparison.Ordinal);
            });
    }

    private static async Task WithHostAsync(Action<AkkaConfigurationBuilder> configure, Action<ActorSystem> check)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka($"hosting-{Guid.NewGuid():N}"[..16], akka =>
        {
            akka.ConfigureLoggers(l => l.LogLevel = Akka.Event.LogLevel.WarningLevel);
            configure(akka);
        });
        using var host = builder.Build();
        using var deadline = new CancellationTokenSource(s_timeout);
        await host.StartAsync(deadline.Token);
        try
        {
            check(host.Services.GetRequiredService<ActorSystem>());
        }
        finally
        {
            await host.StopAsync(deadline.Token);
        }
    }
}
