using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;

namespace Actors.Coordination.Tests;

/// <summary>A cluster singleton whose <c>use-lease</c> names our lease starts once it holds the lease file.</summary>
public sealed class SingletonLeaseSpec : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_singleton_with_use_lease_on_the_process_lease_starts_and_holds_the_lease_file()
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.singleton.use-lease = "{{CoordinationConfig.LeasePath}}"
            akka.cluster.singleton.lease-retry-interval = 200ms
            actors.coordination.process-lease.directory = "{{_directory.Path}}"
            akka.loglevel = WARNING
            """).WithFallback(CoordinationConfig.Default);
        var system = ActorSystem.Create("singleton", config);
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var cluster = Cluster.Get(system);
            await cluster.JoinAsync(cluster.SelfAddress).WaitAsync(s_timeout);

            system.ActorOf(
                ClusterSingletonManager.Props(Props.Create(() => new StartedSignal(started)), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)),
                "only-one");
            await started.Task.WaitAsync(s_timeout);

            var leaseFile = Assert.Single(Directory.GetFiles(_directory.Path, "*" + ProcessLease.FileExtension));
            using var probe = LockFile.Open(leaseFile);
            Assert.True(probe.IsHeldElsewhere(0));
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
