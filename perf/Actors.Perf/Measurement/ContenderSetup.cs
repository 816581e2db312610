namespace Actors.Perf.Measurement;

/// <summary>How a contender's two systems are configured for a session.</summary>
public enum ContenderSetup
{
    /// <summary>As its shipped configuration has it: the throughput and latency scenarios.</summary>
    Standard,

    /// <summary>
    /// With the frame limit raised (as a user sending 8 MiB messages would raise it) so that
    /// <see cref="Scenario.LatencyUnderBulk"/>'s bulk messages fit; its own session and partner, so the
    /// standard rows keep the shipped settings.
    /// </summary>
    LargeMessages,
}
