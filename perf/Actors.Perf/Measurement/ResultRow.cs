namespace Actors.Perf.Measurement;

/// <summary>
/// One line of results.csv: a contender × scenario × payload size. Numbers are null when the point was
/// not measured; <see cref="Note"/> then says why (a payload the transport cannot carry, a failure).
/// </summary>
/// <param name="Messages">Messages one way (throughput) or round trips (latency) measured.</param>
/// <param name="MessagesPerSecond">Messages per second one way; for latency, round trips per second.</param>
/// <param name="IdleP50Microseconds">Under bulk only: the round trip's p50 with no bulk, same session.</param>
/// <param name="IdleP99Microseconds">Under bulk only: the round trip's p99 with no bulk, same session.</param>
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
    string? Note,
    double? IdleP50Microseconds = null,
    double? IdleP99Microseconds = null)
{
    /// <summary>Notes of points not measured by design (not failures): the run still exits 0.</summary>
    public const string CannotCarryNote = "cannot carry it";
    public const string NotSupportedNote = "not supported";
    public const string PassedOverNote = "passed over";

    /// <summary>Under bulk: p99 under bulk ÷ idle p99 (1 = a large message costs a small one nothing).</summary>
    public double? P99VsIdle => P99Microseconds / IdleP99Microseconds;

    /// <summary>True when the point was meant to run and did not.</summary>
    public bool Failed => !Measured && Note is not null
        && !new[] { CannotCarryNote, NotSupportedNote, PassedOverNote }.Any(n => Note.StartsWith(n, StringComparison.Ordinal));

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

    /// <summary>The round trip under bulk, with the idle round trip of the same session beside it.</summary>
    public static ResultRow UnderBulk(ContenderInfo contender, Scenario scenario, IReadOnlyList<PairResult> underBulk, IReadOnlyList<PairResult> idle) =>
        From(contender, scenario, Measurement.Scenario.ProbeBytes, underBulk) with
        {
            IdleP50Microseconds = idle[0].Latency!.PercentileMicroseconds(50),
            IdleP99Microseconds = idle[0].Latency!.PercentileMicroseconds(99),
        };
}
