using System.Diagnostics;
using Actors.Supervision;
using Akka.Actor;
using Akka.Cluster;

namespace ClusterSample;

/// <summary>
/// The first process: a member itself, it starts the others, waits for the cluster to converge, has
/// every member count words, SIGKILLs one member a third of the way through, reports how soon the
/// cluster downed and removed it, and checks that the result is exactly what counting alone gives.
/// </summary>
internal static class Coordinator
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(5);

    public static async Task<int> RunAsync(SampleSettings settings, int nodes, int chunkCount)
    {
        var clock = Stopwatch.StartNew();
        var system = ActorSystem.Create("cluster", settings.LoadConfig());
        (int MembersUp, bool WorkDone) outcome;
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            var membershipLog = system.ActorOf(Props.Create(() => new MembershipLog(clock)), "membership-log");
            system.ActorOf(Props.Create(() => new WordCounter(settings.WorkPerChunk)), WordCounter.Name);
            var seeds = settings.SeedAddresses();
            if (seeds.Count == 0)
            {
                cluster.Join(cluster.SelfAddress);
            }
            else
            {
                cluster.JoinSeedNodes(seeds);
            }

            Console.WriteLine($"this member: {cluster.SelfAddress} (pid {Environment.ProcessId}); starting {nodes - 1} more member processes");
            var members = await ChildActorSystem.StartAllAsync(ProgramStartInfo.ThisProgram(), Enumerable.Range(1, nodes - 1).Select(_ => settings.MemberArguments(cluster.SelfAddress)), s_timeout);
            try
            {
                outcome = await RunWorkAsync(cluster, members, nodes, chunkCount, clock);
            }
            finally
            {
                // The story ends here: members leaving on the way out are not news.
                await membershipLog.GracefulStop(TimeSpan.FromSeconds(5));
                Console.WriteLine("stopping the members");
                // Each member leaves the cluster and exits when its standard input closes.
                await Task.WhenAll(members.Select(m => m.DisposeAsync().AsTask()));
            }
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Console.WriteLine($"members_up={outcome.MembersUp} work_done={(outcome.WorkDone ? "true" : "false")}");
        return outcome.WorkDone && outcome.MembersUp == nodes - 1 ? 0 : 1;
    }

    private static async Task<(int MembersUp, bool WorkDone)> RunWorkAsync(Akka.Cluster.Cluster cluster, IReadOnlyList<ChildActorSystem> members, int nodes, int chunkCount, Stopwatch clock)
    {
        var processesReady = clock.Elapsed;
        await UntilAsync(() => cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == nodes, "the cluster to converge");
        Console.WriteLine($"converged: {nodes} members up {clock.Elapsed.TotalMilliseconds:0} ms after start " +
                          $"({(clock.Elapsed - processesReady).TotalMilliseconds:0} ms after the last process was ready)");

        var chunks = Text.Generate(chunkCount);
        var thirdDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<WorkResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.System.ActorOf(Props.Create(() => new WorkDistributor(chunks, thirdDone, finished)), "distributor");
        Console.WriteLine($"counting the words of {chunks.Count} chunks on {nodes} members");

        await thirdDone.Task.WaitAsync(s_timeout);
        var victim = members[^1];
        Console.WriteLine($"killing member {victim.Address} (pid {victim.ProcessId}) with SIGKILL, a third of the way through");
        var sinceKill = Stopwatch.StartNew();
        victim.Kill();
        await UntilAsync(() => StatusOf(cluster, victim.Address) is MemberStatus.Down or null, "the killed member to be downed");
        var downedAfter = sinceKill.Elapsed;
        await UntilAsync(() => StatusOf(cluster, victim.Address) is null, "the killed member to be removed");
        Console.WriteLine($"the killed member was downed {downedAfter.TotalMilliseconds:0} ms and removed {sinceKill.Elapsed.TotalMilliseconds:0} ms after the kill");

        var result = await finished.Task.WaitAsync(s_timeout);
        var workDone = Report(result, chunks);
        return (cluster.State.Members.Count(m => m.Status == MemberStatus.Up), workDone);
    }

    /// <summary>Prints the result and says whether it equals counting the whole text in one place.</summary>
    private static bool Report(WorkResult result, IReadOnlyList<Chunk> chunks)
    {
        var expected = Text.CountWords(string.Join(' ', chunks.Select(c => c.Text)));
        var matches = expected.Count == result.Counts.Count && expected.All(e => result.Counts.GetValueOrDefault(e.Key) == e.Value);
        foreach (var (member, count) in result.ChunksByMember.OrderBy(p => p.Key.ToString()))
        {
            Console.WriteLine($"  {member} counted {count} chunks");
        }

        var top = string.Join(", ", result.Counts.OrderByDescending(p => p.Value).Take(5).Select(p => $"{p.Key} {p.Value}"));
        Console.WriteLine($"words: {result.Counts.Values.Sum()} in all; most frequent: {top}");
        Console.WriteLine($"every chunk counted once: {(matches ? "yes, the totals equal counting the whole text here" : "NO, the totals differ from counting the whole text here")}" +
                          $" ({result.DuplicatesIgnored} late duplicate replies ignored)");
        return matches;
    }

    private static MemberStatus? StatusOf(Akka.Cluster.Cluster cluster, Address address) =>
        cluster.State.Members.FirstOrDefault(m => m.Address.Equals(address))?.Status;

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > s_timeout)
            {
                throw new TimeoutException($"gave up waiting for {what} after {s_timeout.TotalSeconds:0} s");
            }

            await Task.Delay(s_poll);
        }
    }
}
