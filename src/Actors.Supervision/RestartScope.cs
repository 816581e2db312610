namespace Actors.Supervision;

/// <summary>Which peers a crash restarts, as Akka's supervisor strategies name it.</summary>
public enum RestartScope
{
    /// <summary>Only the peer that crashed.</summary>
    OneForOne,

    /// <summary>Every peer of the supervisor.</summary>
    AllForOne,
}
