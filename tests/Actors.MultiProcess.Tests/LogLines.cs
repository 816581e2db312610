using Akka.Actor;
using Akka.Event;

namespace Actors.MultiProcess.Tests;

/// <summary>Waits for a system's own log lines.</summary>
public static class LogLines
{
    /// <summary>Starts a watcher of <paramref name="system"/>'s Info lines; the task completes with the first that matches.</summary>
    public static Task<string> Watch(ActorSystem system, Func<string, bool> matches)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = system.ActorOf(Props.Create(() => new LogLineWatcher(matches, seen)));
        system.EventStream.Subscribe(watcher, typeof(Info));
        return seen.Task;
    }
}
