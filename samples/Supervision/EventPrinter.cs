using Actors.Supervision;
using Akka.Actor;

namespace Supervision;

/// <summary>Prints what the supervisor does, and (re)connects each worker incarnation to its job stream.</summary>
public sealed class EventPrinter : ReceiveActor
{
    public EventPrinter(ActorPath supervisor, IReadOnlyDictionary<string, IActorRef> producerControllers, IActorRef collector)
    {
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
        });
        Receive<PeerGaveUp>(gaveUp => Console.WriteLine($"{gaveUp.Name}: gave up after {gaveUp.Restarts} restarts ({gaveUp.LastFailure})"));
        Receive<PeerStopped>(stopped => Console.WriteLine($"{stopped.Name}: stopped (exit code {stopped.ExitCode})"));

        void Connect(string name) =>
            Context.ActorSelection(supervisor / name).Tell(new StartWork(producerControllers[name], collector));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(PeerEvent));
}
