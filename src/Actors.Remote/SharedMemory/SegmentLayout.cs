namespace Actors.Remote.SharedMemory;

/// <summary>
/// The layout of a segment file: a header page, then the ring the creator writes, then the ring
/// the acceptor writes.
/// </summary>
/// <remarks>
/// Header: <c>+0</c> magic "AKTRSHM1", <c>+8</c> layout version, <c>+12</c> ring capacity,
/// <c>+16</c> creator pid, <c>+20</c> acceptor pid; each side's heartbeat counter (int64) on a line
/// of its own. Everything is little-endian, as every machine both processes can share memory on is.
/// </remarks>
internal static class SegmentLayout
{
    /// <summary>"AKTRSHM1" read as a little-endian int64.</summary>
    public const long Magic = 0x314D_4853_5254_4B41;

    /// <summary>The layout version; a segment of another version is refused.</summary>
    public const int Version = 1;

    /// <summary>Where the magic sits.</summary>
    public const int MagicOffset = 0;

    /// <summary>Where the version sits.</summary>
    public const int VersionOffset = 8;

    /// <summary>Where each ring's capacity sits.</summary>
    public const int CapacityOffset = 12;

    /// <summary>Where the creator's process id sits.</summary>
    public const int CreatorPidOffset = 16;

    /// <summary>Where the acceptor's process id sits.</summary>
    public const int AcceptorPidOffset = 20;

    /// <summary>The creator's heartbeat counter: it moves while the creator lives.</summary>
    public const int CreatorHeartbeatOffset = 128;

    /// <summary>The acceptor's heartbeat counter.</summary>
    public const int AcceptorHeartbeatOffset = 256;

    /// <summary>The header's length: one page, so the rings start page-aligned.</summary>
    public const int HeaderLength = 4096;

    /// <summary>Where the ring the creator writes (the acceptor reads) starts.</summary>
    public const int CreatorRingOffset = HeaderLength;

    /// <summary>Where the ring the acceptor writes (the creator reads) starts.</summary>
    public static long AcceptorRingOffset(int capacity) => HeaderLength + (long)RingLayout.RegionLength(capacity);

    /// <summary>The file's length for rings of <paramref name="capacity"/>.</summary>
    public static long FileLength(int capacity) => HeaderLength + 2L * RingLayout.RegionLength(capacity);
}
