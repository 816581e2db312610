using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;

namespace Actors.Coordination.Tests;

/// <summary>
/// A one-node cluster finds our lease by its config path: the singleton's <c>use-lease</c> (the singleton
/// starts once it holds the lease file) and the split-brain resolver's <c>lease-majority</c> (it opens its lease file).
/// </summary>
public sealed class SingletonLeaseSpec : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_singleton_and_the_split_brain_resolver_find_the_process_lease_by_its_config_path()
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.singleton.use-lease = "{{CoordinationConfig.LeasePath}}"
            akka.cluster.singleton.lease-retry-interval = 200ms
            akka.cluster.downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            akka.cluster.split-brain-resolver {
              active-strategy = lease-majority
              lease-majority.lease-implementation = "{{CoordinationConfig.LeasePath}}"
            }
            actors.coordination.process-lease.directory = "{{_directory.Path}}"
            akka.loglevel = WARNING
            """).WithFallback(CoordinationConfig.Default);
        var system = ActorSystem.Create("cluster", config);
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var cluster = Cluster.Get(system);
            await cluster.JoinAsync(cluster.SelfAddress).WaitAsync(s_timeout);

            system.ActorOf(
                ClusterSingletonManager.Props(Props.Create(() => new StartedSignal(started)), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)),
                "only-one");
            await started.Task.WaitAsync(s_timeout);

            var singletonLease = Assert.Single(Directory.GetFiles(_directory.Path, "*singleton*" + ProcessLease.FileExtension));
            using var probe = LockFile.Open(singletonLease);
            Assert.True(probe.IsHeldElsewhere(0));

            // The resolver's lease ("<system>-akka-sbr") is only taken in a partition; its file is opened at start.
            Assert.True(File.Exists(Path.Combine(_directory.Path, "cluster-akka-sbr" + ProcessLease.FileExtension)));
        }
        finally
        {
            await system.Terminate().WaitAsync(s_timeout);
        }
    }

    /// <summary>The singleton: says it started.</summary>
    private sealed class StartedSignal(TaskCompletionSource started) : ReceiveActor
    {
        protected override void PreStart() => started.TrySetResult();
    }
}
