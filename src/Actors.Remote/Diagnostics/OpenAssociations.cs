using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;

namespace Actors.Remote.Diagnostics;

/// <summary>
/// Every open association and lane of this process, with the system it belongs to: what
/// <see cref="ActorsRemoting.Associations"/> lists and what the open-association and ring gauges observe.
/// </summary>
internal static class OpenAssociations
{
    // Keyed by the tracked object (a handle or a lane), by identity.
    private static readonly ConcurrentDictionary<object, Entry> s_open = new(ReferenceEqualityComparer.Instance);

    // Every (system, transport, path) that had an association, so that one with none left reads 0, not nothing.
    private static readonly ConcurrentDictionary<(string System, string Transport, string Path), byte> s_seen = new();

    /// <summary>Tracks <paramref name="owner"/> until <see cref="Untrack"/>.</summary>
    /// <param name="owner">The handle or lane.</param>
    /// <param name="system">The actor system it belongs to.</param>
    /// <param name="info">What it is.</param>
    /// <param name="ring">Reads the outbound ring's bytes used and capacity; null when it has none (or it is unmapped).</param>
    public static void Track(object owner, ActorSystem system, AssociationInfo info, Func<(long Used, long Capacity)?>? ring = null) =>
        s_open[owner] = new Entry(system, info, ring);

    /// <summary>Forgets <paramref name="owner"/>; safe to call many times.</summary>
    public static void Untrack(object owner) => s_open.TryRemove(owner, out _);

    /// <summary>The open associations of <paramref name="system"/>, oldest first.</summary>
    public static IReadOnlyList<AssociationInfo> Of(ActorSystem system) =>
        s_open.Values.Where(e => ReferenceEquals(e.System, system)).Select(e => e.Info).OrderBy(i => i.OpenedAt).ToArray();

    /// <summary>Open associations counted by system, transport and path; 0 for a combination that had some and has none now.</summary>
    public static IEnumerable<Measurement<long>> CountByPath()
    {
        var counts = s_open.Values.CountBy(e => (e.System.Name, e.Info.Transport, e.Info.Path)).ToDictionary();
        foreach (var key in counts.Keys)
        {
            s_seen.TryAdd(key, 0);
        }

        return s_seen.Keys.Select(key => new Measurement<long>(counts.GetValueOrDefault(key), MetricTags.For(key.System, key.Transport, key.Path)));
    }

    /// <summary>Each outbound lane ring's bytes used.</summary>
    public static IEnumerable<Measurement<long>> RingUsage() => RingMeasurements(static r => r.Used);

    /// <summary>Each outbound lane ring's capacity.</summary>
    public static IEnumerable<Measurement<long>> RingCapacity() => RingMeasurements(static r => r.Capacity);

    private static IEnumerable<Measurement<long>> RingMeasurements(Func<(long Used, long Capacity), long> select)
    {
        foreach (var entry in s_open.Values)
        {
            if (entry.Ring?.Invoke() is { } ring)
            {
                var tags = MetricTags.For(entry.System.Name, entry.Info.Transport, entry.Info.Path);
                yield return new Measurement<long>(select(ring), [.. tags, new(MetricTags.Peer, entry.Info.Remote.ToString())]);
            }
        }
    }

    private sealed record Entry(ActorSystem System, AssociationInfo Info, Func<(long Used, long Capacity)?>? Ring);
}
