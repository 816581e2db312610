namespace Actors.Remote.SharedMemory;

/// <summary>Which side of an association a process plays in a segment.</summary>
internal enum SegmentRole
{
    /// <summary>The side that connected: it creates the file and writes the first ring.</summary>
    Creator,

    /// <summary>The side that accepted: it maps the creator's file and writes the second ring.</summary>
    Acceptor,
}
