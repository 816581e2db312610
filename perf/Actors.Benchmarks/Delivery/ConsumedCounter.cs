namespace Actors.Benchmarks.Delivery;

/// <summary>Counts what the consumer handled and completes a task when a count is reached.</summary>
public sealed class ConsumedCounter
{
    private readonly object _gate = new();
    private long _count;
    private (long Count, TaskCompletionSource Done)? _waiter;

    public void Add(int message)
    {
        lock (_gate)
        {
            _count++;
            if (_waiter is { } waiter && _count >= waiter.Count)
            {
                waiter.Done.TrySetResult();
                _waiter = null;
            }
        }
    }

    public Task WhenCount(long count)
    {
        lock (_gate)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = (count, done);
            return done.Task;
        }
    }
}
