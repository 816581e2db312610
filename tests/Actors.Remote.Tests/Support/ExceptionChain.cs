namespace Actors.Remote.Tests.Support;

public static class ExceptionChain
{
    /// <summary>Every message in the exception chain, inner exceptions and aggregates included, one per line.</summary>
    public static string Flatten(Exception exception)
    {
        var messages = new List<string>();
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            messages.Add($"{current.GetType().Name}: {current.Message}");
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is not null)
            {
                pending.Push(current.InnerException);
            }
        }

        return string.Join(Environment.NewLine, messages);
    }
}
