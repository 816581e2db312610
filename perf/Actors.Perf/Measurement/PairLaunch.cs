namespace Actors.Perf.Measurement;

/// <summary>
/// Runs a scenario's pairs at once: starts one sender per pair (an actor of whichever framework),
/// waits until each has reported its result, and stops the senders whatever happened.
/// </summary>
public static class PairLaunch
{
    /// <param name="start">Starts the sender for pair i; it completes the given source with its result.</param>
    /// <param name="stop">Stops a sender <paramref name="start"/> returned.</param>
    public static async Task<IReadOnlyList<PairResult>> RunAsync<TSender>(
        Scenario scenario,
        Func<int, TaskCompletionSource<PairResult>, TSender> start,
        Action<TSender> stop,
        CancellationToken cancellationToken)
    {
        var done = new List<TaskCompletionSource<PairResult>>();
        var senders = new List<TSender>();
        try
        {
            for (var pair = 0; pair < scenario.Pairs; pair++)
            {
                done.Add(new TaskCompletionSource<PairResult>(TaskCreationOptions.RunContinuationsAsynchronously));
                senders.Add(start(pair, done[pair]));
            }

            return await Task.WhenAll(done.Select(d => d.Task)).WaitAsync(cancellationToken);
        }
        finally
        {
            senders.ForEach(stop);
        }
    }
}
