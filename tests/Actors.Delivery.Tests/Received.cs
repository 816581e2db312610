namespace Actors.Delivery.Tests;

/// <summary>What a consumer's handle got, in order, and a task that completes at a count.</summary>
internal sealed class Received(int expected)
{
    private readonly List<string> _messages = [];
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task All => _all.Task;

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public void Add(string message)
    {
        lock (_messages)
        {
            _messages.Add(message);
            if (_messages.Count >= expected)
            {
                _all.TrySetResult();
            }
        }
    }
}
