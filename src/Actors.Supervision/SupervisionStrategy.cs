namespace Actors.Supervision;

/// <summary>
/// How a <see cref="ProcessSupervisor"/> answers a peer's death: which peers restart, when, how often,
/// and after how long a pause.
/// </summary>
/// <param name="Scope">One-for-one or all-for-one.</param>
/// <param name="Policy">Restart on crash only, or always.</param>
/// <param name="MaxRestarts">At most this many restarts of one peer within <paramref name="Within"/>; one more and the supervisor gives up on it.</param>
/// <param name="Within">The window for <paramref name="MaxRestarts"/>.</param>
/// <param name="MinBackoff">The pause before the first restart; it doubles with each restart in the window.</param>
/// <param name="MaxBackoff">The longest pause.</param>
/// <param name="RandomFactor">Jitter: each pause grows by a random share up to this factor, so peers do not restart in lockstep.</param>
public sealed record SupervisionStrategy(
    RestartScope Scope,
    RestartPolicy Policy,
    int MaxRestarts,
    TimeSpan Within,
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff,
    double RandomFactor)
{
    /// <summary>One-for-one on crash, at most 5 restarts a minute, 200 ms doubling to 10 s, 20% jitter.</summary>
    public static SupervisionStrategy Default { get; } = new(
        RestartScope.OneForOne, RestartPolicy.OnCrash, 5, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2);

    /// <summary>The pause before restart number <paramref name="restartsInWindow"/> + 1.</summary>
    public TimeSpan Backoff(int restartsInWindow)
    {
        var exponential = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(restartsInWindow, 30));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + Random.Shared.NextDouble() * RandomFactor));
    }

    /// <summary>Checks the values; the message names the field and the rule.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public SupervisionStrategy Validate()
    {
        if (MaxRestarts < 0)
        {
            throw new ArgumentException($"MaxRestarts={MaxRestarts} must be 0 or more");
        }

        if (Within <= TimeSpan.Zero || MinBackoff < TimeSpan.Zero || MaxBackoff < MinBackoff)
        {
            throw new ArgumentException($"Within={Within} must be positive and MinBackoff={MinBackoff} <= MaxBackoff={MaxBackoff}");
        }

        return RandomFactor is >= 0 and <= 10 ? this : throw new ArgumentException($"RandomFactor={RandomFactor} must be from 0 to 10");
    }
}
