using Actors.Supervision;
using Akka.Actor;

namespace Hosting;

/// <summary>Prints what the supervisor does with the workers, as it happens.</summary>
internal sealed class PeerEventPrinter : ReceiveActor
{
    public PeerEventPrinter()
    {
        Receive<PeerStarted>(e => Console.WriteLine($"{e.Name}: started, pid {e.ProcessId}, at {e.Address}"));
        Receive<PeerRestarted>(e => Console.WriteLine($"{e.Name}: restarted, pid {e.ProcessId}"));
        Receive<PeerCrashed>(e => Console.WriteLine($"{e.Name}: crashed (exit {e.ExitCode?.ToString() ?? "?"})"));
        Receive<PeerStartFailed>(e => Console.WriteLine($"{e.Name}: could not start: {e.Reason}"));
        Receive<PeerEvent>(_ => { });
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(PeerEvent));
}
