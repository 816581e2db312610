namespace Actors.Remote.FastLane;

/// <summary>The sending end of one open lane: a ring in a shared segment or a stream connection.</summary>
/// <remarks>The link calls the <c>ended</c> callback it was made with once, when it ends by itself (the peer is gone or hangs, the connection failed).</remarks>
internal interface ILaneSendingLink : IDisposable
{
    /// <summary>The lane's name, which its barrier (<see cref="LaneOpened"/>) carries.</summary>
    string Name { get; }

    /// <summary>The transport tag of this lane's measurements: <c>shm</c> for a ring, else the stream transport's scheme.</summary>
    string TransportTag { get; }

    /// <summary>Where the lane's records go.</summary>
    ILaneRecordSink Records { get; }

    /// <summary>Holds the link's memory for writing; false when it is gone. Pair with <see cref="Exit"/>.</summary>
    bool TryEnter();

    /// <summary>Releases what <see cref="TryEnter"/> held.</summary>
    void Exit();

    /// <summary>Tells the other side (or the connection's flusher) that records were written.</summary>
    void Flush();

    /// <summary>Starts watching the link (and, for a stream, writing its records).</summary>
    void Start();
}
