using Actors.Supervision;
using Akka.Actor;

namespace Supervision;

/// <summary>
/// Prints what the supervisor does, (re)connects each worker incarnation to its job stream, and says
/// when a worker's next restart has been printed.
/// </summary>
public sealed class EventPrinter : ReceiveActor
{
    /// <summary>Completes <paramref name="Restarted"/> once the next restart of <paramref name="Name"/> has been printed.</summary>
    public sealed record TellWhenRestarted(string Name, TaskCompletionSource Restarted);

    public EventPrinter(ActorPath supervisor, IReadOnlyDictionary<string, IActorRef> producerControllers, IActorRef collector)
    {
        var waiting = new Dictionary<string, TaskCompletionSource>();
        Receive<TellWhenRestarted>(tell => waiting[tell.Name] = tell.Restarted);
        Receive<PeerStarted>(started =>
        {
            Console.WriteLine($"{started.Name}: started, pid {started.ProcessId}, at {started.Address}");
            Connect(started.Name);
        });
        Receive<PeerCrashed>(crashed => Console.WriteLine(
            $"{crashed.Name}: crashed ({(crashed.Signal is { } signal ? $"signal {signal}" : $"exit code {crashed.ExitCode}")}), " +
            $"detected by {crashed.DetectedBy}{(crashed.DetectedAfter is { } after ? $" {after.TotalMilliseconds:0} ms after the exit" : "")}"));
        Receive<PeerRestarted>(restarted =>
        {
            Console.WriteLine($"{restarted.Name}: restarted, pid {restarted.ProcessId}, at {restarted.Address}");
            Connect(restarted.Name);
            if (waiting.Remove(restarted.Name, out var tell))
            {
                tell.TrySetResult();
            }
        });
        Receive<PeerStartFailed>(failed => Console.WriteLine($"{failed.Name}: failed to start {failed.Program} ({failed.Reason})"));
        Receive<PeerGaveUp>(gaveUp => Console.WriteLine($"{gaveUp.Name}: gave up after {gaveUp.Restarts} restarts ({gaveUp.LastFailure})"));
        Receive<PeerStopped>(stopped => Console.WriteLine($"{stopped.Name}: stopped (exit code {stopped.ExitCode})"));

        void Connect(string name) =>
            Context.ActorSelection(supervisor / name).Tell(new StartWork(producerControllers[name], collector));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(PeerEvent));
}
