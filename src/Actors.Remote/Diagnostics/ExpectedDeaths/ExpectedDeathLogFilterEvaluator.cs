using Akka.Event;

namespace Actors.Remote.Diagnostics.ExpectedDeaths;

/// <summary>A system's log filter with <see cref="ExpectedDeathLogFilter"/> in front: what it drops is dropped, the rest goes to <paramref name="inner"/>.</summary>
internal sealed class ExpectedDeathLogFilterEvaluator(LogFilterEvaluator inner) : LogFilterEvaluator([s_filter])
{
    private static readonly ExpectedDeathLogFilter s_filter = new();

    /// <inheritdoc />
    public override bool ShouldTryKeepMessage(LogEvent evt, out string expandedLogMessage)
    {
        if (s_filter.ShouldKeepMessage(evt) == LogFilterDecision.Drop)
        {
            expandedLogMessage = string.Empty;
            return false;
        }

        return inner.ShouldTryKeepMessage(evt, out expandedLogMessage);
    }
}
