using Actors.Supervision;
using Akka.Actor;

namespace Actors.Cluster.Tests;

/// <summary>Cluster members running as child processes; disposing the group stops every one of them.</summary>
internal sealed class PeerGroup : IAsyncDisposable
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(60);

    private PeerGroup(IReadOnlyList<ChildActorSystem> members) => Members = members;

    public IReadOnlyList<ChildActorSystem> Members { get; }

    public IEnumerable<Address> Addresses => Members.Select(m => m.Address);

    public ChildActorSystem this[int index] => Members[index];

    /// <summary>Starts one child per argument list, all at once; if any fails, the others are stopped.</summary>
    public static async Task<PeerGroup> StartAsync(string program, IEnumerable<string[]> argumentLists) =>
        new(await ChildActorSystem.StartAllAsync(program, argumentLists, s_readyTimeout));

    /// <summary>Starts <paramref name="count"/> members of <paramref name="seed"/>'s cluster with the same overrides.</summary>
    public static Task<PeerGroup> JoinAsync(TestMember seed, IEnumerable<string> overrides, int count) =>
        StartAsync(TestMember.PeerDll, Enumerable.Range(0, count).Select(_ => seed.PeerArguments(overrides)));

    /// <summary>The notes member <paramref name="index"/> printed so far.</summary>
    public NoteLog NotesOf(int index) => NoteLog.FromOutput(Members[index].Output);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Members.Select(m => m.DisposeAsync().AsTask()));
    }
}
