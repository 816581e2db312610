namespace Actors.Perf.Measurement;

/// <summary>What one run of the suite measures.</summary>
/// <param name="Sizes">Payload sizes in bytes.</param>
/// <param name="Scenarios">The scenarios, each run at every size (the round trip under bulk at 16 B only).</param>
/// <param name="Budget">How long each measured point runs.</param>
/// <param name="WarmUpFraction">Each point is first run, unmeasured, for this fraction of its budget.</param>
/// <param name="UnderBulkContenders">
/// The contenders that run <see cref="Scenario.LatencyUnderBulk"/> (it starts a partner of its own, so
/// <c>--quick</c> keeps it to a few); null = every one. The others get a row saying they were passed over.
/// </param>
public sealed record RunPlan(
    IReadOnlyList<int> Sizes,
    IReadOnlyList<Scenario> Scenarios,
    Budget Budget,
    double WarmUpFraction,
    IReadOnlySet<string>? UnderBulkContenders = null)
{
    /// <summary>Extra time a point may take beyond its budget before it counts as failed.</summary>
    public static readonly TimeSpan PointGrace = TimeSpan.FromSeconds(60);

    /// <summary>The contenders <c>--quick</c> runs under bulk: the lanes' target and the peers it is read against.</summary>
    public static readonly IReadOnlySet<string> QuickUnderBulkContenders =
        new HashSet<string>(["lane", "shm-parking", "uds", "atcp", "proto-remote-protobuf"], StringComparer.OrdinalIgnoreCase);

    public Budget WarmUp => Budget.Scaled(WarmUpFraction);

    /// <summary>The longest a point (warm-up and measurement) may take.</summary>
    public TimeSpan PointTimeout => (Budget.Duration is { } duration ? duration * (1 + WarmUpFraction) : TimeSpan.Zero) + PointGrace;

    /// <summary>Points (rows) each contender gets.</summary>
    public int PointsPerContender => Scenarios.Sum(s => s.SizesIn(this).Count);

    /// <summary>True when <paramref name="contender"/> runs the round trip under bulk in this plan.</summary>
    public bool RunsUnderBulk(string contender) => UnderBulkContenders is null || UnderBulkContenders.Contains(contender);
}
