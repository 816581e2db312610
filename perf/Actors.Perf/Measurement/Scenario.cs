namespace Actors.Perf.Measurement;

/// <summary>One way of loading a contender.</summary>
/// <param name="Name">As written in results.csv.</param>
/// <param name="Pairs">Sender/receiver pairs running at once.</param>
/// <param name="IsLatency">True: one request in flight, round trips timed; false: one-way throughput with a window.</param>
/// <param name="BulkPayloadBytes">
/// Set for the round trip under bulk: the size of the messages another sender streams over the same
/// association while the round trips are timed. Such a scenario runs at <see cref="ProbeBytes"/> only.
/// </param>
public sealed record Scenario(string Name, int Pairs, bool IsLatency, int? BulkPayloadBytes = null)
{
    /// <summary>The payload of the round trips timed under bulk: the smallest message of the suite.</summary>
    public const int ProbeBytes = 16;

    /// <summary>One sender keeps a window of messages in flight to one receiver in the partner process.</summary>
    public static readonly Scenario Throughput1 = new("throughput-1pair", 1, false);

    /// <summary>Four senders, each with its own window and receiver, over the same connection(s).</summary>
    public static readonly Scenario Throughput4 = new("throughput-4pairs", MaxPairs, false);

    /// <summary>One request in flight: the partner echoes it, the round trip is timed.</summary>
    public static readonly Scenario Latency = new("latency", 1, true);

    /// <summary>
    /// The 16 B round trip while a second sender streams 8 MiB messages to the same partner system (the
    /// same association): does a large message hold up a small one? Reported against the idle round trip
    /// measured in the same session.
    /// </summary>
    public static readonly Scenario LatencyUnderBulk = new("latency-under-bulk", 1, true, 8 * 1024 * 1024);

    /// <summary>The most pairs any scenario uses: the partner starts this many receivers.</summary>
    public const int MaxPairs = 4;

    /// <summary>The name of the partner's receiver for pair <paramref name="pair"/>.</summary>
    public static string SinkName(int pair) => $"sink-{pair}";

    /// <summary>The pair whose receiver the bulk sender streams to (the round trips use pair 0).</summary>
    public const int BulkPair = MaxPairs - 1;

    public static IReadOnlyList<Scenario> All { get; } = [Throughput1, Throughput4, Latency, LatencyUnderBulk];

    /// <summary>True for the round trip under bulk, which runs in a session of its own.</summary>
    public bool UnderBulk => BulkPayloadBytes is not null;

    /// <summary>The payload sizes this scenario runs at in <paramref name="plan"/>.</summary>
    public IReadOnlyList<int> SizesIn(RunPlan plan) => UnderBulk ? [ProbeBytes] : plan.Sizes;

    /// <summary>Finds a scenario by name, or null.</summary>
    public static Scenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
