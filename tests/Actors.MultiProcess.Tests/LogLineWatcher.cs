using Akka.Actor;
using Akka.Event;

namespace Actors.MultiProcess.Tests;

/// <summary>Completes <paramref name="seen"/> with the first Info log line of its system that <paramref name="matches"/>.</summary>
public sealed class LogLineWatcher : ReceiveActor
{
    public LogLineWatcher(Func<string, bool> matches, TaskCompletionSource<string> seen) =>
        Receive<Info>(info =>
        {
            var message = info.Message?.ToString() ?? string.Empty;
            if (matches(message))
            {
                seen.TrySetResult(message);
            }
        });
}
