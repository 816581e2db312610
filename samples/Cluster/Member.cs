using Actors.Supervision;
using Akka.Actor;

namespace ClusterSample;

/// <summary>
/// A plain member: joins the seed nodes and counts words for whoever asks, until its standard input
/// closes (the coordinator that started it stops or dies), a signal arrives, or it is downed.
/// </summary>
internal static class Member
{
    public static async Task<int> RunAsync(SampleSettings settings)
    {
        var seeds = settings.SeedAddresses();
        if (seeds.Count == 0)
        {
            await Console.Error.WriteLineAsync("a member needs at least one --seed to join");
            return 2;
        }

        using var system = ActorSystem.Create("cluster", settings.LoadConfig());
        system.ActorOf(Props.Create(() => new WordCounter(settings.WorkPerChunk)), WordCounter.Name);
        Akka.Cluster.Cluster.Get(system).JoinSeedNodes(seeds);
        ParentLink.TerminateWhenParentCloses(system);
        ParentLink.ShutDownOnSignals(system);
        ParentLink.AnnounceReady(system);
        await system.WhenTerminated;
        return 0;
    }
}
