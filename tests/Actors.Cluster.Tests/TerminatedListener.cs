using Akka.Actor;

namespace Actors.Cluster.Tests;

/// <summary>Watching an actor from outside any actor.</summary>
internal static class Watching
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts watching <paramref name="watched"/> from <paramref name="system"/> and returns once the watch
    /// is made (the remote watcher has it queued); the task it returns completes on the Terminated.
    /// </summary>
    /// <remarks>
    /// A watch still on its way when the process dies may miss the transport's news of the death and wait
    /// for the slower path; a test that kills right after watching must not race its own watch.
    /// </remarks>
    public static async Task<Task<Terminated>> WatchAsync(ActorSystem system, IActorRef watched)
    {
        var terminated = new TaskCompletionSource<Terminated>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = system.ActorOf(Props.Create(() => new TerminatedListener(watched, terminated)));
        await listener.Ask<TerminatedListener.Watching>(TerminatedListener.Started.Instance, s_startTimeout);
        return terminated.Task;
    }
}

/// <summary>Watches one actor and completes a task when its <see cref="Terminated"/> arrives.</summary>
internal sealed class TerminatedListener : ReceiveActor
{
    public TerminatedListener(IActorRef watched, TaskCompletionSource<Terminated> terminated)
    {
        Context.Watch(watched);
        Receive<Started>(_ => Sender.Tell(new Watching()));
        Receive<Terminated>(t => terminated.TrySetResult(t));
    }

    /// <summary>Asks whether the watch has been made.</summary>
    public sealed class Started
    {
        public static readonly Started Instance = new();
    }

    /// <summary>The watch has been made.</summary>
    public sealed record Watching;
}
