using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;

namespace Actors.Supervision;

/// <summary>
/// The child's side of <see cref="ChildActorSystem"/>: announce the address, and stop when the parent
/// closes our standard input (or dies, which closes it too), so a child never outlives its parent.
/// </summary>
public static class ParentLink
{
    /// <summary>Prints the ready line for <paramref name="system"/>'s default address.</summary>
    public static void AnnounceReady(ActorSystem system)
    {
        Console.Out.WriteLine(ReadyLine.Format(((ExtendedActorSystem)system).Provider.DefaultAddress));
        Console.Out.Flush();
    }

    /// <summary>Terminates <paramref name="system"/> when standard input reaches its end.</summary>
    public static void TerminateWhenParentCloses(ActorSystem system)
    {
        var watcher = new Thread(() =>
        {
            try
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                    // The parent says nothing on this pipe; only its end matters.
                }
            }
            catch (IOException)
            {
                // A broken pipe is an end too.
            }

            system.Terminate();
        })
        {
            IsBackground = true,
            Name = "parent-link",
        };
        watcher.Start();
    }

    /// <summary>
    /// SIGTERM, SIGINT and SIGQUIT run <paramref name="system"/>'s CoordinatedShutdown instead of ending
    /// the process at once: a message an actor is processing is finished and what it sent is flushed
    /// (for up to <c>akka.remote.flush-wait-on-shutdown</c>), the transports close cleanly and remove
    /// their files, and the program's own <c>await system.WhenTerminated</c> returns, so it exits 0.
    /// The handlers live as long as the system.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Without this, .NET 10 ends the process on any of the three at once and runs nothing: exit 143,
    /// 130 or 131 a few ms after the signal, the uds socket file left behind (measured on a test peer).
    /// Not even SIGTERM raises <see cref="AppDomain.ProcessExit"/> any more (.NET 10 removed the runtime's
    /// own SIGTERM handling and leaves it to the app model), so Akka's <c>run-by-clr-shutdown-hook</c>
    /// never starts on a signal; where it does run, it runs inside the runtime's exit path, not before
    /// Main returns.
    /// </para>
    /// <para>
    /// SIGQUIT is handled like the other two, as the console lifetime of Microsoft.Extensions.Hosting
    /// does: they are the termination signals .NET lets a program cancel. A repeated signal while the
    /// shutdown runs changes nothing (every phase has its timeout under <c>akka.coordinated-shutdown</c>);
    /// SIGKILL stops at once. A signal the process inherited as ignored (SIGINT and SIGQUIT in a
    /// background job of a non-interactive shell) stays ignored: .NET respects that, so no handler runs.
    /// Messages still queued in a mailbox when the shutdown reaches the actor are not processed.
    /// </para>
    /// </remarks>
    public static void ShutDownOnSignals(ActorSystem system)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        var registrations = new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process: CoordinatedShutdown ends the system, and the program then returns.
                context.Cancel = true;
                system.Log.Info("{0}: running CoordinatedShutdown", context.Signal);
                _ = shutdown.Run(new SignalReason(context.Signal));
            }))
            .ToArray();

        // The continuation holds the registrations until the system is gone; disposing them gives the
        // signals back their default (ending the process at once).
        system.WhenTerminated.ContinueWith(
            _ =>
            {
                foreach (var registration in registrations)
                {
                    registration.Dispose();
                }
            },
            TaskScheduler.Default);
    }

    /// <summary>Why CoordinatedShutdown ran: a signal arrived.</summary>
    public sealed class SignalReason(PosixSignal signal) : CoordinatedShutdown.Reason
    {
        /// <summary>The signal.</summary>
        public PosixSignal Signal { get; } = signal;

        /// <summary>0: a stop someone asked for is a clean exit.</summary>
        public override int ExitCode => 0;

        /// <summary>"signal" and the signal's name, as logs show the reason.</summary>
        public override string ToString() => $"signal {Signal}";
    }
}
