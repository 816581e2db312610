using Actors.Perf.Contenders;

namespace Actors.Perf.Measurement;

/// <summary>
/// The round trip under bulk: a session of its own with the frame limit raised (<see cref="ContenderSetup.LargeMessages"/>),
/// first the idle round trip, then the same round trip while a second sender streams large messages;
/// the row carries both, so the ratio compares like with like (same settings, same partner, same run).
/// </summary>
public sealed partial class SuiteRunner
{
    private async Task<ResultRow> RunUnderBulkAsync(
        IContender contender, Scenario scenario, IReadOnlyList<ResultRow> standardRows, ISuiteProgress progress, CancellationToken cancellationToken)
    {
        progress.Starting(contender.Info, scenario, Scenario.ProbeBytes);
        var row = await MeasureUnderBulkAsync(contender, scenario, standardRows, cancellationToken);
        progress.Finished(row);
        return row;
    }

    private async Task<ResultRow> MeasureUnderBulkAsync(
        IContender contender, Scenario scenario, IReadOnlyList<ResultRow> standardRows, CancellationToken cancellationToken)
    {
        ResultRow NotMeasured(string note) => ResultRow.NotMeasured(contender.Info, scenario, Scenario.ProbeBytes, note);

        if (contender.LargeMessagesUnsupportedReason is { } reason)
        {
            return NotMeasured($"{ResultRow.NotSupportedNote}: {reason}");
        }

        if (!plan.RunsUnderBulk(contender.Info.Name))
        {
            return NotMeasured($"{ResultRow.PassedOverNote}: this run measures it for {string.Join(", ", plan.UnderBulkContenders!)} only (--quick)");
        }

        if (standardRows.FirstOrDefault(r => r.Failed) is { Note: { } failure })
        {
            return NotMeasured(failure);
        }

        IContenderSession? session = null;
        try
        {
            var maxPayloadBytes = contender.MaxPayloadBytes(ContenderSetup.LargeMessages);
            if (scenario.BulkPayloadBytes > maxPayloadBytes)
            {
                return NotMeasured($"{ResultRow.CannotCarryNote}: largest payload {maxPayloadBytes} B with large-message settings");
            }

            session = await contender.StartAsync(ContenderSetup.LargeMessages, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            var idle = await MeasureAsync(session, Scenario.Latency, Scenario.ProbeBytes, cancellationToken);
            // No warm-up of its own: the idle round trips have warmed this session, and the bulk stream
            // is flowing (its first message acknowledged) before the first round trip is timed.
            var underBulk = await MeasureAsync(session, scenario, Scenario.ProbeBytes, cancellationToken, warmUp: false);
            return ResultRow.UnderBulk(contender.Info, scenario, underBulk, idle);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return NotMeasured($"failed at {scenario.Name}: {Describe(e)}");
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().AsTask().WaitAsync(StopTimeout, CancellationToken.None);
            }
        }
    }
}
