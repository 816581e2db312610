namespace Actors.Perf.Measurement;

/// <summary>
/// Runs the round trip under bulk, the same way for every framework: starts the bulk sender, waits until
/// its stream flows (its first message acknowledged), times the round trips as <see cref="PairLaunch"/>
/// does, then finishes the stream and waits until all of it is acknowledged, so the next point starts
/// on an empty connection.
/// </summary>
public static class BulkLaunch
{
    /// <param name="startBulk">Starts the bulk sender; it completes the signals it is given.</param>
    /// <param name="finishBulk">Tells the bulk sender <see cref="FinishBulk"/>.</param>
    /// <param name="startProbe">Starts the round-trip sender for pair i, as for <see cref="PairLaunch"/>.</param>
    /// <param name="stop">Stops a sender either start function returned.</param>
    public static async Task<IReadOnlyList<PairResult>> RunAsync<TSender>(
        Scenario scenario,
        Func<BulkSignals, TSender> startBulk,
        Action<TSender> finishBulk,
        Func<int, TaskCompletionSource<PairResult>, TSender> startProbe,
        Action<TSender> stop,
        CancellationToken cancellationToken)
    {
        var signals = new BulkSignals();
        var bulk = startBulk(signals);
        try
        {
            await signals.Flowing.Task.WaitAsync(cancellationToken);
            var results = await PairLaunch.RunAsync(scenario, startProbe, stop, cancellationToken);
            finishBulk(bulk);
            await signals.Drained.Task.WaitAsync(cancellationToken);
            return results;
        }
        finally
        {
            stop(bulk);
        }
    }
}
