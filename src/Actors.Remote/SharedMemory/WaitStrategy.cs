namespace Actors.Remote.SharedMemory;

/// <summary>How a ring's reader waits for records (HOCON <c>wait-strategy</c>).</summary>
internal enum WaitStrategy
{
    /// <summary>Spin on the ring without ever giving up the core: the lowest latency, one core busy per association direction.</summary>
    BusySpin,

    /// <summary>Yield the core between looks: low latency, but a core is never idle.</summary>
    Yielding,

    /// <summary>Yield between looks for a while, then sleep on a futex the writer wakes: the default, near-zero CPU while idle.</summary>
    Parking,
}
