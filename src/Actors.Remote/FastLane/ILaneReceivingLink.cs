using Actors.Remote.SharedMemory;

namespace Actors.Remote.FastLane;

/// <summary>The receiving end of one lane: a ring in a shared segment or a stream connection. One thread reads it.</summary>
internal interface ILaneReceivingLink : IDisposable
{
    /// <summary>The lane's name, which its barrier (<see cref="LaneOpened"/>) carries.</summary>
    string Name { get; }

    /// <summary>The transport tag of this lane's measurements: <c>shm</c> for a ring, else the stream transport's scheme.</summary>
    string TransportTag { get; }

    /// <summary>
    /// Hands at most <paramref name="limit"/> records that have arrived to <paramref name="handler"/>, without
    /// waiting; false when the lane is over (the link ended, or <paramref name="ending"/> and nothing is left).
    /// </summary>
    /// <exception cref="IOException">The peer sent bytes that are not lane records.</exception>
    bool Read(RingConsumer.RecordHandler handler, int limit, bool ending);

    /// <summary>Waits until records may have arrived, the link ended, or <paramref name="closed"/> says to stop.</summary>
    void WaitForRecords(Func<bool> closed);

    /// <summary>The lane's barrier has arrived: tells a writer that waits for it (a stream lane whose hellos agreed on <see cref="Handshake.TransportHello.ReleaseAckFlag"/>) that it may write.</summary>
    void Released();

    /// <summary>Starts watching the link.</summary>
    void Start();

    /// <summary>Ends the link for <paramref name="reason"/>; the reader then reads what has arrived and stops.</summary>
    void Finish(string reason);
}
