namespace Actors.Perf.Measurement;

/// <summary>What a bulk sender tells the run: that its stream flows, and that it has drained.</summary>
public sealed class BulkSignals
{
    /// <summary>Completed at the first acknowledgement: the bulk messages are on their way through.</summary>
    public TaskCompletionSource Flowing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed with the number of bulk messages once, after <see cref="FinishBulk"/>, every one is acknowledged.</summary>
    public TaskCompletionSource<long> Drained { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
