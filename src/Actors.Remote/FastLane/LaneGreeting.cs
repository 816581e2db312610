using System.Buffers.Binary;

namespace Actors.Remote.FastLane;

/// <summary>
/// The lane's own step after the transport's hello on a lane connection: each side says the uid of its
/// actor system, so that a lane is refused to or from an incarnation Akka has quarantined, and closed
/// when it is quarantined later. <c>[int32 uid]</c> each way, little-endian.
/// </summary>
internal static class LaneGreeting
{
    private const int Length = 4;

    /// <summary>Sends our system's uid and reads the peer's.</summary>
    public static async Task<int> ExchangeAsync(Stream control, int ourUid, CancellationToken cancellationToken)
    {
        var ours = new byte[Length];
        BinaryPrimitives.WriteInt32LittleEndian(ours, ourUid);
        await control.WriteAsync(ours, cancellationToken).ConfigureAwait(false);
        await control.FlushAsync(cancellationToken).ConfigureAwait(false);
        var theirs = new byte[Length];
        try
        {
            await control.ReadExactlyAsync(theirs, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new Handshake.HandshakeException("the peer closed the lane connection before saying its system's uid", e);
        }

        return BinaryPrimitives.ReadInt32LittleEndian(theirs);
    }
}
