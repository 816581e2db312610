using Akka.Actor;
using Akka.Cluster;

namespace ClusterSample;

/// <summary>
/// Hands the chunks to the <see cref="WordCounter"/> of every member that is Up, two at a time each,
/// and merges the counts. A member that goes away (its counter's <see cref="Terminated"/>, which the
/// cluster delivers once the member is removed) gives its unanswered chunks back to the queue, so
/// every chunk is counted once in the result; a reply that arrives for a chunk already counted is
/// ignored and counted as a duplicate.
/// </summary>
public sealed class WorkDistributor : ReceiveActor
{
    private const int InFlightPerCounter = 2;

    private readonly int _total;
    private readonly TaskCompletionSource _thirdDone;
    private readonly TaskCompletionSource<WorkResult> _finished;
    private readonly LinkedList<Chunk> _pending;
    private readonly Dictionary<int, (IActorRef Counter, Chunk Chunk)> _inFlight = [];
    private readonly Dictionary<IActorRef, int> _counters = [];
    private readonly HashSet<int> _counted = [];
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<Address, int> _chunksByMember = [];
    private int _duplicates;

    public WorkDistributor(IReadOnlyList<Chunk> chunks, TaskCompletionSource thirdDone, TaskCompletionSource<WorkResult> finished)
    {
        _total = chunks.Count;
        _pending = new LinkedList<Chunk>(chunks);
        _thirdDone = thirdDone;
        _finished = finished;

        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(m => m.Status == MemberStatus.Up))
            {
                Identify(member.Address);
            }
        });
        Receive<ClusterEvent.MemberUp>(up => Identify(up.Member.Address));
        Receive<ActorIdentity>(identity => identity.Subject is not null, identity => AddCounter(identity.Subject!));
        Receive<ActorIdentity>(_ => { });
        Receive<Terminated>(terminated => RemoveCounter(terminated.ActorRef));
        Receive<ChunkCounted>(OnCounted);
    }

    protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, typeof(ClusterEvent.MemberUp));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Identify(Address member) =>
        Context.ActorSelection(new RootActorPath(member) / "user" / WordCounter.Name).Tell(new Identify(member));

    private void AddCounter(IActorRef counter)
    {
        if (_counters.TryAdd(counter, 0))
        {
            Context.Watch(counter);
            Dispatch();
        }
    }

    private void RemoveCounter(IActorRef counter)
    {
        _counters.Remove(counter);
        foreach (var (id, entry) in _inFlight.Where(e => e.Value.Counter.Equals(counter)).ToList())
        {
            _inFlight.Remove(id);
            _pending.AddFirst(entry.Chunk);
        }

        Dispatch();
    }

    private void OnCounted(ChunkCounted counted)
    {
        if (_inFlight.Remove(counted.Id, out var entry) && _counters.ContainsKey(entry.Counter))
        {
            _counters[entry.Counter]--;
        }

        if (!_counted.Add(counted.Id))
        {
            _duplicates++;
            return;
        }

        foreach (var (word, count) in counted.Counts)
        {
            _counts[word] = _counts.GetValueOrDefault(word) + count;
        }

        _chunksByMember[counted.Member] = _chunksByMember.GetValueOrDefault(counted.Member) + 1;
        if (_counted.Count * 3 >= _total)
        {
            _thirdDone.TrySetResult();
        }

        if (_counted.Count == _total)
        {
            _finished.TrySetResult(new WorkResult(_counts, _chunksByMember, _duplicates));
        }

        Dispatch();
    }

    private void Dispatch()
    {
        foreach (var counter in _counters.Keys.ToList())
        {
            while (_counters[counter] < InFlightPerCounter && NextChunk() is { } chunk)
            {
                _inFlight[chunk.Id] = (counter, chunk);
                _counters[counter]++;
                counter.Tell(chunk);
            }
        }
    }

    // Skips chunks counted meanwhile (given back by a member whose reply had already arrived).
    private Chunk? NextChunk()
    {
        while (_pending.First is { } first)
        {
            _pending.RemoveFirst();
            if (!_counted.Contains(first.Value.Id))
            {
                return first.Value;
            }
        }

        return null;
    }
}
