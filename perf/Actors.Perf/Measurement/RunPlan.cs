namespace Actors.Perf.Measurement;

/// <summary>What one run of the suite measures.</summary>
/// <param name="Sizes">Payload sizes in bytes.</param>
/// <param name="Scenarios">The scenarios, each run at every size.</param>
/// <param name="Budget">How long each measured point runs.</param>
/// <param name="WarmUpFraction">Each point is first run, unmeasured, for this fraction of its budget.</param>
public sealed record RunPlan(IReadOnlyList<int> Sizes, IReadOnlyList<Scenario> Scenarios, Budget Budget, double WarmUpFraction)
{
    /// <summary>Extra time a point may take beyond its budget before it counts as failed.</summary>
    public static readonly TimeSpan PointGrace = TimeSpan.FromSeconds(60);

    public Budget WarmUp => Budget.Scaled(WarmUpFraction);

    /// <summary>The longest a point (warm-up and measurement) may take.</summary>
    public TimeSpan PointTimeout => (Budget.Duration is { } duration ? duration * (1 + WarmUpFraction) : TimeSpan.Zero) + PointGrace;
}
