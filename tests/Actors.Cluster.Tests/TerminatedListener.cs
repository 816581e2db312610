using Akka.Actor;

namespace Actors.Cluster.Tests;

/// <summary>Watching an actor from outside any actor.</summary>
internal static class Watching
{
    /// <summary>Starts watching <paramref name="watched"/> from <paramref name="system"/>; the task completes on its Terminated.</summary>
    public static Task<Terminated> Watch(ActorSystem system, IActorRef watched)
    {
        var terminated = new TaskCompletionSource<Terminated>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new TerminatedListener(watched, terminated)));
        return terminated.Task;
    }
}

/// <summary>Watches one actor and completes a task when its <see cref="Terminated"/> arrives.</summary>
internal sealed class TerminatedListener : ReceiveActor
{
    public TerminatedListener(IActorRef watched, TaskCompletionSource<Terminated> terminated)
    {
        Context.Watch(watched);
        Receive<Terminated>(t => terminated.TrySetResult(t));
    }
}
