namespace Actors.Supervision;

/// <summary>
/// What a <see cref="ProcessSupervisor"/> starts for one peer: a program that runs an ActorSystem and
/// prints its ready line: the program must call <see cref="ParentLink.AnnounceReady"/> once its system
/// listens (and should call <see cref="ParentLink.TerminateWhenParentCloses"/>, so it ends with its parent).
/// </summary>
/// <param name="Name">The peer's name under the supervisor; its proxy actor has this name.</param>
/// <param name="Program">A .dll (run through dotnet) or an executable.</param>
/// <param name="Arguments">The program's arguments; they carry the HOCON file the child uses, and so its transport.</param>
public sealed record PeerSpec(string Name, string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Variables added to the child's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The child's working directory; null keeps this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>True to connect the child over an anonymous pipe pair (both HOCONs enable <c>akka.remote.actors.apipe</c>).</summary>
    public bool OverAnonymousPipe { get; init; }

    /// <summary>The actor in the child that the peer's proxy forwards to, relative to its root (e.g. "user/worker").</summary>
    public string TargetPath { get; init; } = "user";

    /// <summary>How long the child may take to announce its address.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="OutputLinesKept"/>.</summary>
    public const int DefaultOutputLinesKept = 1000;

    /// <summary>The default of <see cref="OutputLinesLoggedPerSecond"/>.</summary>
    public const int DefaultOutputLinesLoggedPerSecond = 1000;

    /// <summary>How many of the child's last output lines are kept for diagnostics (<see cref="ChildActorSystem.Output"/>).</summary>
    public int OutputLinesKept { get; init; } = DefaultOutputLinesKept;

    /// <summary>
    /// At most this many of the child's output lines a second go to the parent's log under the peer's
    /// name; the lines over it are counted and the count logged. 0 logs none.
    /// </summary>
    public int OutputLinesLoggedPerSecond { get; init; } = DefaultOutputLinesLoggedPerSecond;
}
