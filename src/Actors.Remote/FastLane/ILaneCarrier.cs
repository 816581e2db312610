using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>How a system's lanes reach their peers: shared-memory rings (<see cref="RingLaneCarrier"/>) or connections of a stream transport (<see cref="StreamLaneCarrier"/>).</summary>
internal interface ILaneCarrier
{
    /// <summary>The transport tag of the lanes' measurements (<c>shm</c>, <c>uds</c>, <c>atcp</c>, ...).</summary>
    string TransportTag { get; }

    /// <summary>The largest record a lane of this carrier takes.</summary>
    int MaximumRecordBytes { get; }

    /// <summary>
    /// Opens a lane to <paramref name="remote"/>: the hello, the greeting (uid, quarantine) and the carrier's
    /// rendezvous; <paramref name="ended"/> is called once the link, after its start, ends by itself.
    /// <c>TakesLargeChannel</c> says whether the peer's lane reads a large-message channel (its hello says so).
    /// </summary>
    Task<(ILaneSendingLink Link, LanePeer Peer, bool TakesLargeChannel)> OpenAsync(Address remote, Action<string> ended, CancellationToken cancellationToken);
}
