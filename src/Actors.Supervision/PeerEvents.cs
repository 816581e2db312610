using Akka.Actor;

namespace Actors.Supervision;

/// <summary>Something happened to a supervised peer process; published on the EventStream.</summary>
public abstract record PeerEvent(string Name);

/// <summary>The peer's first start succeeded: it listens at <paramref name="Address"/>.</summary>
public sealed record PeerStarted(string Name, Address Address, int ProcessId) : PeerEvent(Name);

/// <summary>How a supervisor learned of a peer's death first.</summary>
public enum DeathDetection
{
    /// <summary>The operating system reported the process's exit.</summary>
    ProcessExit,

    /// <summary>Akka reported the peer terminated (DeathWatch or the transport's confirmed death news).</summary>
    Akka,
}

/// <summary>The peer's process ended without being asked to.</summary>
/// <param name="Name">The peer.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="ExitCode">The exit code, when it exited by itself.</param>
/// <param name="Signal">The signal that killed it (9 for SIGKILL), when one did.</param>
/// <param name="DetectedBy">Which news came first.</param>
/// <param name="DetectedAfter">From the process's exit to this event, when the exit time is known.</param>
public sealed record PeerCrashed(string Name, int ProcessId, int? ExitCode, int? Signal, DeathDetection DetectedBy, TimeSpan? DetectedAfter)
    : PeerEvent(Name);

/// <summary>
/// An attempt to start the peer failed: the program could not be started, exited before it announced
/// its address, did not announce it in time, or its target actor did not answer. The supervisor
/// restarts it by its strategy, as after a crash.
/// </summary>
/// <param name="Name">The peer.</param>
/// <param name="Program">The program that was started.</param>
/// <param name="Reason">Why, on one line.</param>
/// <param name="ExitCode">The exit code, when the program exited before it was ready.</param>
public sealed record PeerStartFailed(string Name, string Program, string Reason, int? ExitCode) : PeerEvent(Name);

/// <summary>The peer runs again after a crash (or an exit, under <see cref="RestartPolicy.Always"/>).</summary>
public sealed record PeerRestarted(string Name, Address Address, int ProcessId, int RestartsInWindow) : PeerEvent(Name);

/// <summary>The peer failed more often than the strategy allows; the supervisor stopped restarting it.</summary>
public sealed record PeerGaveUp(string Name, int Restarts, TimeSpan Within, string LastFailure) : PeerEvent(Name);

/// <summary>The peer exited cleanly (exit code 0) and is not restarted, or the supervisor stopped it.</summary>
public sealed record PeerStopped(string Name, int? ExitCode) : PeerEvent(Name);
