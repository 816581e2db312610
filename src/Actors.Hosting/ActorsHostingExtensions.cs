using Actors.Remote.Diagnostics;
using Actors.Supervision;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;

namespace Actors.Hosting;

/// <summary>Akka.Hosting support: Actors' transports, the lane and process supervision without a HOCON file.</summary>
public static class ActorsHostingExtensions
{
    /// <summary>
    /// Enables one of Actors' transports, sets the provider to <see cref="ProviderCheck.RemoteProvider"/> and, by
    /// default, Hyperion for user messages. The provider is set through Akka.Hosting, so Akka.Remote.Hosting's
    /// <c>WithRemoting()</c> keeps it; a provider set in HOCON is replaced by <c>WithRemoting()</c>, and a Warning at start says so.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static AkkaConfigurationBuilder WithActorsRemoting(this AkkaConfigurationBuilder builder, Action<ActorsRemotingOptions> configure)
    {
        var options = new ActorsRemotingOptions();
        configure(options);
        builder.AddHocon(ActorsRemotingHocon.Build(options), HoconAddMode.Prepend);
        if (options.SetProvider)
        {
            builder.WithActorRefProvider(new ProviderSelection.Custom(ProviderCheck.RemoteProvider));
        }

        return builder.AddStartup((system, _) => ProviderCheck.Warn(system, Logging.GetLogger(system, typeof(ProviderCheck))));
    }

    /// <summary>
    /// Makes this system a cluster member over one of Actors' transports: the transport as
    /// <see cref="WithActorsRemoting"/> sets it, the provider <see cref="ProviderCheck.ClusterProvider"/>, seeds and roles.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static AkkaConfigurationBuilder WithActorsCluster(
        this AkkaConfigurationBuilder builder, Action<ActorsRemotingOptions> remoting, Action<ActorsClusterOptions> cluster)
    {
        var options = new ActorsClusterOptions();
        cluster(options);
        var hocon = ActorsRemotingHocon.BuildCluster(options);
        return builder
            .WithActorsRemoting(o =>
            {
                remoting(o);
                o.SetProvider = false;
            })
            .AddHocon(hocon, HoconAddMode.Prepend)
            .WithActorRefProvider(new ProviderSelection.Custom(ProviderCheck.ClusterProvider));
    }

    /// <summary>
    /// Starts a <see cref="ProcessSupervisor"/> for <paramref name="peers"/> named <paramref name="name"/> and registers it in
    /// the <c>ActorRegistry</c> under <see cref="ProcessSupervisorKey"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithProcessSupervisor(
        this AkkaConfigurationBuilder builder, IEnumerable<PeerSpec> peers, SupervisionStrategy? strategy = null, string name = "supervisor")
    {
        var props = ProcessSupervisor.Props(peers, strategy);
        return builder.WithActors((system, registry) => registry.Register<ProcessSupervisorKey>(system.ActorOf(props, name)));
    }
}
