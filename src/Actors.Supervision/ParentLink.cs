using System.Runtime.InteropServices;
using Akka.Actor;

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
    /// the process at once: in-flight work finishes, the transports close cleanly and remove their files,
    /// and the program's own <c>await system.WhenTerminated</c> returns, so it exits 0.
    /// </summary>
    /// <remarks>
    /// Without this, .NET ends the process on SIGINT and SIGQUIT without running any shutdown, and on
    /// SIGTERM it runs ProcessExit handlers under a deadline that Akka's hook does not reliably meet:
    /// measured here, a peer killed by SIGTERM left its socket file behind.
    /// </remarks>
    public static void ShutDownOnSignals(ActorSystem system)
    {
        var registrations = new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process: CoordinatedShutdown ends the system, and the program then returns.
                context.Cancel = true;
                _ = CoordinatedShutdown.Get(system).Run(new SignalReason(context.Signal));
            }))
            .ToArray();
        system.WhenTerminated.ContinueWith(_ =>
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        });
    }

    /// <summary>Why CoordinatedShutdown ran: a signal arrived.</summary>
    public sealed class SignalReason(PosixSignal signal) : CoordinatedShutdown.Reason
    {
        /// <summary>The signal.</summary>
        public PosixSignal Signal { get; } = signal;

        /// <summary>0: a stop someone asked for is a clean exit.</summary>
        public override int ExitCode => 0;

        public override string ToString() => $"signal {Signal}";
    }
}
