namespace Actors.Perf.Measurement;

/// <summary>What the runner tells the display as it goes.</summary>
public interface ISuiteProgress
{
    /// <summary>A point is about to run.</summary>
    void Starting(ContenderInfo contender, Scenario scenario, int payloadBytes);

    /// <summary>A point has its row (measured or not).</summary>
    void Finished(ResultRow row);

    /// <summary>A contender cannot run here; its <paramref name="points"/> points are passed over.</summary>
    void Skipped(ContenderInfo contender, string reason, int points);
}
