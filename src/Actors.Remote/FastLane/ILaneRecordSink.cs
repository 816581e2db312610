namespace Actors.Remote.FastLane;

/// <summary>
/// Where one lane's records go: a shared-memory ring (<see cref="RingRecordSink"/>) or a stream
/// connection (<see cref="StreamRecordSink"/>). <see cref="LaneWriter"/> writes through it, so the
/// lane's record logic exists once for both carriers.
/// </summary>
/// <remarks>
/// A record is either claimed and committed in place (<see cref="TryClaim"/> then <see cref="Commit"/>,
/// with nothing else written between them) or copied in whole (<see cref="TryWrite"/>). False means
/// "no room now": the writer holds the record and tries again later. Not thread-safe: the lane's lock
/// guards every call.
/// </remarks>
internal interface ILaneRecordSink
{
    /// <summary>The largest record the carrier takes.</summary>
    int MaximumPayload { get; }

    /// <summary>Bytes written and not yet taken by the peer (or the connection).</summary>
    long Backlog { get; }

    /// <summary>Bytes the carrier holds at most before it says "no room".</summary>
    long Capacity { get; }

    /// <summary>Reserves room for a record of <paramref name="length"/> bytes; false when there is none now.</summary>
    bool TryClaim(int length, out Span<byte> record);

    /// <summary>Publishes the record claimed last.</summary>
    void Commit();

    /// <summary>Copies <paramref name="record"/> in; false when there is no room now.</summary>
    bool TryWrite(ReadOnlySpan<byte> record);
}
