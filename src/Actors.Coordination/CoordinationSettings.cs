using Akka.Configuration;

namespace Actors.Coordination;

/// <summary>Where lock files live and how their holders watch and wait (an <c>actors.coordination</c> block).</summary>
/// <param name="Directory">The directory of the lock files; empty for the runtime directory's "locks" folder.</param>
/// <param name="CheckInterval">How often a holder checks that its file is still the one at its path.</param>
/// <param name="MaxPollInterval">The longest pause between two tries of a waiting acquire.</param>
public sealed record CoordinationSettings(string Directory, TimeSpan CheckInterval, TimeSpan MaxPollInterval)
{
    /// <summary>The semaphore's defaults, from reference.conf.</summary>
    public static CoordinationSettings Default { get; } = FromSemaphoreConfig(null);

    /// <summary>The semaphore block (<c>actors.coordination.semaphore</c>), defaults behind it.</summary>
    public static CoordinationSettings FromSemaphoreConfig(Config? section)
    {
        var config = CoordinationConfig.WithDefaults(section, CoordinationConfig.SemaphorePath);
        return new CoordinationSettings(
            config.GetString("directory"),
            config.GetTimeSpan("check-interval"),
            config.GetTimeSpan("max-poll-interval")).Validate();
    }

    /// <summary>A lease's config (its block, with Akka's lease defaults behind), our defaults behind that.</summary>
    public static CoordinationSettings FromLeaseConfig(Config? leaseConfig)
    {
        var config = CoordinationConfig.WithDefaults(leaseConfig, CoordinationConfig.LeasePath);
        return new CoordinationSettings(
            config.GetString("directory"),
            config.GetTimeSpan("heartbeat-interval"),
            config.GetTimeSpan("max-poll-interval")).Validate();
    }

    /// <summary>Refuses intervals that are not positive.</summary>
    /// <exception cref="ArgumentException">An interval is zero or negative.</exception>
    public CoordinationSettings Validate()
    {
        if (CheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"check interval must be positive: check-interval={CheckInterval}");
        }

        if (MaxPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"poll interval must be positive: max-poll-interval={MaxPollInterval}");
        }

        return this;
    }
}
