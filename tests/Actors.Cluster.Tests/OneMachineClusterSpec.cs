using System.Diagnostics;
using Actors.Remote.Platform;
using Actors.TestSupport;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>
/// A cluster of three real processes on this machine (the test's own member as the first seed and
/// two <c>Actors.ClusterPeer</c> children) on cluster.conf over one of our local transports.
/// A transport joins by subclassing with its <see cref="ClusterTransport"/>.
/// </summary>
public abstract class OneMachineClusterSpec(ClusterTransport transport, ITestOutputHelper output)
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const int NotesPerPublisher = 200;

    /// <summary>
    /// How soon after a SIGKILL the member must be gone from the membership. The failure detector and
    /// the Split Brain Resolver alone take about 9-10 s (4 s to be unreachable, 5 s stable-after);
    /// a local transport confirms the death itself and the provider downs the member at once.
    /// </summary>
    private static readonly TimeSpan s_removedBound = TimeSpan.FromSeconds(8);

    protected ClusterTransport Transport => transport;

    protected ITestOutputHelper Output => output;

    [Fact]
    public async Task Three_processes_form_a_cluster_and_every_subscriber_gets_every_broadcast_in_order_per_publisher()
    {
        var sinceStart = Stopwatch.StartNew();
        await using var seed = await TestMember.StartAsync(transport.Overrides);
        await using var peers = await PeerGroup.JoinAsync(seed, transport.Overrides, 2);
        var processesStarted = sinceStart.Elapsed;
        Address[] members = [seed.Address, .. peers.Addresses];
        await seed.AwaitUpAsync(members, Timeout);
        output.WriteLine($"transport={transport} processes_started_ms={processesStarted.TotalMilliseconds:0} all_up_ms={sinceStart.Elapsed.TotalMilliseconds:0}");

        await seed.PublishEverywhereAsync(NotesPerPublisher, members.Length, Timeout);

        var publishers = members.Select(m => m.ToString()).ToArray();
        await Poll.UntilAsync(
            () => seed.Notes.IsComplete(publishers, NotesPerPublisher) && Enumerable.Range(0, 2).All(i => peers.NotesOf(i).IsComplete(publishers, NotesPerPublisher)),
            Timeout,
            () => $"seed: {seed.Notes.Problem(publishers, NotesPerPublisher) ?? "complete"}; " +
                  string.Join("; ", Enumerable.Range(0, 2).Select(i => $"peer {i}: {peers.NotesOf(i).Problem(publishers, NotesPerPublisher) ?? "complete"}")));
    }

    [Fact]
    public async Task A_SIGKILLed_member_is_downed_and_removed_its_watchers_get_Terminated_and_the_rest_carry_on()
    {
        await using var seed = await TestMember.StartAsync(transport.Overrides);
        await using var peers = await PeerGroup.JoinAsync(seed, transport.Overrides, 2);
        await seed.AwaitUpAsync([seed.Address, .. peers.Addresses], Timeout);
        var (survivor, victim) = (peers[0], peers[1]);

        var victimEcho = await seed.System.ActorSelection(new RootActorPath(victim.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);
        var terminated = await Watching.WatchAsync(seed.System, victimEcho);

        Assert.Equal(transport.ListensOnFiles, ListenerFilesOf(victim.Address).Length > 0);
        var sinceKill = Stopwatch.StartNew();
        victim.Kill();
        await seed.AwaitRemovedAsync(victim.Address, s_removedBound);
        var removedAfter = sinceKill.Elapsed;
        await terminated.WaitAsync(Timeout);
        var terminatedAfter = sinceKill.Elapsed;
        await Poll.UntilAsync(() => survivor.Output.Contains($"MEMBER Removed {victim.Address}"), Timeout, () => "the surviving peer did not see the member removed");
        output.WriteLine($"transport={transport} removed_ms={removedAfter.TotalMilliseconds:0} terminated_ms={terminatedAfter.TotalMilliseconds:0}");

        // The two left still broadcast to each other, every note in order.
        await seed.PublishEverywhereAsync(NotesPerPublisher, 2, Timeout);
        string[] publishers = [seed.Address.ToString(), survivor.Address.ToString()];
        await Poll.UntilAsync(
            () => seed.Notes.IsComplete(publishers, NotesPerPublisher) && peers.NotesOf(0).IsComplete(publishers, NotesPerPublisher),
            Timeout,
            () => $"seed: {seed.Notes.Problem(publishers, NotesPerPublisher) ?? "complete"}; survivor: {peers.NotesOf(0).Problem(publishers, NotesPerPublisher) ?? "complete"}");

        Assert.True(await victim.WaitForExitAsync(Timeout), "the killed member is still running");
        await AssertListenerFilesRemovedAsync(victim.Address);
    }

    [Fact]
    public async Task A_watched_process_outside_the_cluster_is_reported_Terminated_as_soon_as_it_is_killed()
    {
        // The watch failure detector is set far beyond the wait below: only the transport's own news
        // of the death (not heartbeats going missing) can deliver Terminated in time.
        string[] slowDetector = [.. transport.Overrides, "akka.remote.watch-failure-detector.acceptable-heartbeat-pause = 300s"];
        await using var seed = await TestMember.StartAsync(slowDetector);
        await using var outsider = await PeerGroup.StartAsync(TestMember.PeerDll, [TestMember.OutsiderArguments(transport.Overrides)]);
        await seed.AwaitUpAsync([seed.Address], Timeout);

        var echo = await seed.System.ActorSelection(new RootActorPath(outsider[0].Address) / "user" / EchoActor.Name).ResolveOne(Timeout);
        var terminated = await Watching.WatchAsync(seed.System, echo);
        Assert.DoesNotContain(seed.Cluster.State.Members, m => m.Address.Equals(outsider[0].Address));

        var sinceKill = Stopwatch.StartNew();
        outsider[0].Kill();
        var notice = await terminated.WaitAsync(Timeout);
        output.WriteLine($"transport={transport} outsider_terminated_ms={sinceKill.Elapsed.TotalMilliseconds:0}");
        Assert.Equal(echo, notice.ActorRef);
        Assert.True(notice.AddressTerminated, "Terminated should say that the whole address went away");

        // The cluster itself is untouched: this member is still Up and alone.
        await seed.AwaitUpAsync([seed.Address], Timeout);
    }

    // A SIGKILLed member cannot remove its listener files (uds-<port>.sock, pipe-<port>, shm-<port>.sock,
    // lane-<port>.sock); the members that saw its process die remove them. An atcp member has none.
    private static Task AssertListenerFilesRemovedAsync(Address killed) =>
        Poll.UntilAsync(
            () => ListenerFilesOf(killed).Length == 0,
            Timeout,
            () => $"files of the killed member are left: {string.Join(", ", ListenerFilesOf(killed))}");

    private static string[] ListenerFilesOf(Address member) =>
        Directory.EnumerateFiles(RuntimeDirectory.Resolve(string.Empty))
            .Where(path => Path.GetFileNameWithoutExtension(path).EndsWith($"-{member.Port}", StringComparison.Ordinal))
            .ToArray();
}

public sealed class UnixSocketClusterSpec(ITestOutputHelper output) : OneMachineClusterSpec(ClusterTransport.UnixSockets, output);

public sealed class NamedPipeClusterSpec(ITestOutputHelper output) : OneMachineClusterSpec(ClusterTransport.NamedPipes, output);
