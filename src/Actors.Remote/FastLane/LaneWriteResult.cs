namespace Actors.Remote.FastLane;

/// <summary>What became of a message given to a <see cref="LaneWriter"/>.</summary>
internal enum LaneWriteResult
{
    /// <summary>In the ring.</summary>
    Written,

    /// <summary>Waiting for room, behind the records written before it.</summary>
    Held,

    /// <summary>Refused: <c>pending-limit</c> messages already wait (only with a limit set).</summary>
    Overflowed,

    /// <summary>Refused: the record is larger than the ring takes.</summary>
    TooLarge,

    /// <summary>Refused: the recipient's or sender's path is longer than a definition carries.</summary>
    PathTooLong,
}
