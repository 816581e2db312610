using Actors.ClusterPeer;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using ClusterMemberStatus = Akka.Cluster.MemberStatus;

namespace Actors.Cluster.Tests;

/// <summary>
/// The test's own cluster member, the first seed: it joins itself, records the notes it receives and
/// publishes notes when the commands topic asks, like every <c>Actors.ClusterPeer</c>.
/// </summary>
internal sealed class TestMember : IAsyncDisposable
{
    private TestMember(ActorSystem system, NoteLog notes)
    {
        System = system;
        Notes = notes;
    }

    public ActorSystem System { get; }

    public NoteLog Notes { get; }

    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);

    public Address Address => Cluster.SelfAddress;

    /// <summary>HOCON/cluster.conf as shipped.</summary>
    public static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "HOCON", "cluster.conf");

    /// <summary>The member program, beside the tests.</summary>
    public static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.ClusterPeer.dll");

    /// <summary>cluster.conf with <paramref name="overrides"/> (HOCON lines) on top.</summary>
    public static Config Configuration(IEnumerable<string> overrides) =>
        ConfigurationFactory.ParseString(string.Join('\n', overrides))
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(ConfigPath)));

    /// <summary>Starts a member on cluster.conf with <paramref name="overrides"/> on top, joined to itself.</summary>
    public static async Task<TestMember> StartAsync(IEnumerable<string> overrides)
    {
        var system = ActorSystem.Create("cluster", Configuration(overrides));
        var notes = new NoteLog();
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            cluster.Join(cluster.SelfAddress);
            var recorder = system.ActorOf(Props.Create(() => new NoteRecorder(notes)), "notes");
            var publisher = system.ActorOf(Props.Create(() => new NotePublisher()), "publisher");
            await Subscriptions.SubscribeAllAsync(system, recorder, publisher);
            return new TestMember(system, notes);
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    /// <summary>The arguments that start a peer on the same config, joining this member.</summary>
    public string[] PeerArguments(IEnumerable<string> overrides) =>
        ["--config", ConfigPath, "--seed", Address.ToString(), .. overrides.SelectMany(o => new[] { "--set", o })];

    /// <summary>The arguments that start a peer on the same config that joins no cluster: a plain remote peer of this member.</summary>
    public static string[] OutsiderArguments(IEnumerable<string> overrides) =>
        ["--config", ConfigPath, .. overrides.SelectMany(o => new[] { "--set", o })];

    /// <summary>Waits until exactly <paramref name="addresses"/> are Up and reachable, as this member sees it.</summary>
    public Task AwaitUpAsync(IReadOnlyCollection<Address> addresses, TimeSpan timeout) =>
        Poll.UntilAsync(
            () =>
            {
                var state = Cluster.State;
                var up = state.Members.Where(m => m.Status == ClusterMemberStatus.Up).Select(m => m.Address).ToHashSet();
                return up.SetEquals(addresses) && state.Members.Count == addresses.Count && state.Unreachable.Count == 0;
            },
            timeout,
            () => $"members {{{string.Join(", ", Cluster.State.Members.Select(m => $"{m.Address} {m.Status}"))}}}, unreachable {Cluster.State.Unreachable.Count}; wanted up: {string.Join(", ", addresses)}");

    /// <summary>Waits until <paramref name="address"/> is no longer a member.</summary>
    public Task AwaitRemovedAsync(Address address, TimeSpan timeout) =>
        Poll.UntilAsync(
            () => Cluster.State.Members.All(m => !m.Address.Equals(address)),
            timeout,
            () => $"{address} is still {Cluster.State.Members.FirstOrDefault(m => m.Address.Equals(address))?.Status}");

    /// <summary>Asks every member, this one included, to publish <paramref name="count"/> notes once <paramref name="subscribers"/> processes are known.</summary>
    public async Task PublishEverywhereAsync(int count, int subscribers, TimeSpan timeout)
    {
        await Subscriptions.AwaitSubscribersAsync(System, subscribers, timeout);
        DistributedPubSub.Get(System).Mediator.Tell(new Publish(Topics.Commands, new PublishNotes(count, subscribers)));
    }

    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(TimeSpan.FromSeconds(15));
}
