using Akka.Actor;
using Akka.Event;

namespace Actors.MultiProcess.Tests;

/// <summary>Completes <paramref name="seen"/> with the first Info log line that starts with <paramref name="prefix"/> and ends with <paramref name="suffix"/>.</summary>
public sealed class LogLineWatcher : ReceiveActor
{
    public LogLineWatcher(string prefix, string suffix, TaskCompletionSource seen) =>
        Receive<Info>(info =>
        {
            var message = info.Message?.ToString() ?? string.Empty;
            if (message.StartsWith(prefix, StringComparison.Ordinal) && message.EndsWith(suffix, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        });
}
