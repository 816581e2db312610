namespace Actors.Delivery.Tests;

/// <summary>What several consumers got, each in its own order, and a task that completes once all of them together hold a count of distinct messages.</summary>
internal sealed class ConsumedMessages
{
    private readonly List<List<int>> _byConsumer = [];
    private readonly HashSet<int> _distinct = [];
    private (int Count, TaskCompletionSource Done)? _waiter;

    /// <summary>The handle of one more consumer.</summary>
    public Action<string> NewConsumer()
    {
        var own = new List<int>();
        lock (_byConsumer)
        {
            _byConsumer.Add(own);
        }

        return message =>
        {
            lock (_byConsumer)
            {
                var value = int.Parse(message, System.Globalization.CultureInfo.InvariantCulture);
                own.Add(value);
                _distinct.Add(value);
                if (_waiter is { } waiter && _distinct.Count >= waiter.Count)
                {
                    waiter.Done.TrySetResult();
                }
            }
        };
    }

    public IReadOnlyList<int[]> ByConsumer
    {
        get
        {
            lock (_byConsumer)
            {
                return _byConsumer.Select(c => c.ToArray()).ToArray();
            }
        }
    }

    public Task WhenDistinct(int count)
    {
        lock (_byConsumer)
        {
            if (_distinct.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = (count, done);
            return done.Task;
        }
    }
}
