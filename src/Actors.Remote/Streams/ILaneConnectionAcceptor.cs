using Actors.Remote.Handshake;

namespace Actors.Remote.Streams;

/// <summary>Takes the connections a peer opened as fast lanes (<see cref="TransportHello.LaneFlag"/>) once their hello has passed.</summary>
internal interface ILaneConnectionAcceptor
{
    /// <summary>Flags the transport's hellos carry for the lane (<see cref="TransportHello.RingLaneFlag"/> when it takes rings).</summary>
    ushort HelloFlags { get; }

    /// <summary>Admits <paramref name="connection"/> as a lane from the peer whose hello is <paramref name="hello"/>; throws to refuse it.</summary>
    /// <remarks>Runs while the connection still counts against the transport's <c>maximum-pending-handshakes</c>.</remarks>
    Task AcceptLaneAsync(Stream connection, TransportHello hello, CancellationToken cancellationToken);
}
