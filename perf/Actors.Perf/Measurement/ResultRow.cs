namespace Actors.Perf.Measurement;

/// <summary>
/// One line of results.csv: a contender × scenario × payload size. Numbers are null when the point was
/// not measured; <see cref="Note"/> then says why (a payload the transport cannot carry, a failure).
/// </summary>
/// <param name="Messages">Messages one way (throughput) or round trips (latency) measured.</param>
/// <param name="MessagesPerSecond">Messages per second one way; for latency, round trips per second.</param>
public sealed record ResultRow(
    string Transport,
    string Kind,
    string Scenario,
    int PayloadBytes,
    long? Messages,
    double? Seconds,
    double? MessagesPerSecond,
    double? P50Microseconds,
    double? P99Microseconds,
    double? P999Microseconds,
    string? Note)
{
    public bool Measured => MessagesPerSecond is not null;

    public static ResultRow NotMeasured(ContenderInfo contender, Scenario scenario, int payloadBytes, string note) =>
        new(contender.Name, contender.Kind, scenario.Name, payloadBytes, null, null, null, null, null, null, note);

    public static ResultRow From(ContenderInfo contender, Scenario scenario, int payloadBytes, IReadOnlyList<PairResult> pairs)
    {
        var messages = pairs.Sum(p => p.Messages);
        var seconds = pairs.Max(p => p.Elapsed).TotalSeconds;
        var latency = scenario.IsLatency ? pairs[0].Latency : null;
        return new ResultRow(
            contender.Name,
            contender.Kind,
            scenario.Name,
            payloadBytes,
            messages,
            seconds,
            messages / seconds,
            latency?.PercentileMicroseconds(50),
            latency?.PercentileMicroseconds(99),
            latency?.PercentileMicroseconds(99.9),
            null);
    }
}
