using Actors.Remote.SharedMemory;
using Actors.RingPeer;

namespace Actors.Benchmarks.SharedMemory;

/// <summary>The mechanisms the raw two-process benchmarks compare, by the name shown in their tables.</summary>
public static class RawPeers
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts a peer process in <paramref name="mode"/> over <paramref name="mechanism"/>.</summary>
    /// <param name="mechanism"><c>shm-busy-spin</c>, <c>shm-yielding</c>, <c>shm-parking</c> or <c>uds</c>.</param>
    public static IRawPeer Start(string mechanism, PeerMode mode) => mechanism switch
    {
        "uds" => SocketPeerProcess.Start(mode, ReadyTimeout),
        "shm-busy-spin" => RingPeerProcess.Start(mode, 1 << 20, WaitStrategy.BusySpin, verify: false, ReadyTimeout),
        "shm-yielding" => RingPeerProcess.Start(mode, 1 << 20, WaitStrategy.Yielding, verify: false, ReadyTimeout),
        "shm-parking" => RingPeerProcess.Start(mode, 1 << 20, WaitStrategy.Parking, verify: false, ReadyTimeout),
        _ => throw new ArgumentException($"unknown mechanism {mechanism}", nameof(mechanism)),
    };
}
