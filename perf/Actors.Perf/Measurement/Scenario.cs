namespace Actors.Perf.Measurement;

/// <summary>One way of loading a contender.</summary>
/// <param name="Name">As written in results.csv.</param>
/// <param name="Pairs">Sender/receiver pairs running at once.</param>
/// <param name="IsLatency">True: one request in flight, round trips timed; false: one-way throughput with a window.</param>
public sealed record Scenario(string Name, int Pairs, bool IsLatency)
{
    /// <summary>One sender keeps a window of messages in flight to one receiver in the partner process.</summary>
    public static readonly Scenario Throughput1 = new("throughput-1pair", 1, false);

    /// <summary>Four senders, each with its own window and receiver, over the same connection(s).</summary>
    public static readonly Scenario Throughput4 = new("throughput-4pairs", MaxPairs, false);

    /// <summary>One request in flight: the partner echoes it, the round trip is timed.</summary>
    public static readonly Scenario Latency = new("latency", 1, true);

    /// <summary>The most pairs any scenario uses: the partner starts this many receivers.</summary>
    public const int MaxPairs = 4;

    /// <summary>The name of the partner's receiver for pair <paramref name="pair"/>.</summary>
    public static string SinkName(int pair) => $"sink-{pair}";

    public static IReadOnlyList<Scenario> All { get; } = [Throughput1, Throughput4, Latency];
}
