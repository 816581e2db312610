using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Actors.Remote.SharedMemory;

namespace Actors.Remote.FastLane;

/// <summary>
/// Moves a stream lane into a shared-memory ring when both ends can share one: after the lane greeting and
/// the lane's name, on a lane connection whose two hellos carry <see cref="TransportHello.RingLaneFlag"/>, each
/// side says its <see cref="MachineIdentity"/>; when the two match, the opener runs the segment rendezvous
/// (<see cref="SegmentRendezvous"/>) over the same connection, which then stays open only to watch the peer.
/// </summary>
/// <remarks>
/// <code>
///  opener                                   acceptor
///  machine identity (28 bytes)          &lt;-&gt;  machine identity (28 bytes)   (both hellos carry RingLaneFlag)
///  segment offer                         -&gt;                                 (the identities match)
///                                       &lt;-   mapped or refused
/// </code>
/// Both sides see both identities, so both reach the same verdict without a further message. A segment that
/// cannot be made (a full <c>/dev/shm</c>, no descriptors) or mapped is said in the rendezvous itself, which
/// leaves the connection in step: the lane then stays on the stream, logged, and never fails for it.
/// </remarks>
internal static class RingUpgrade
{
    /// <summary>True when both hellos offered rings, so both sides exchange their identities.</summary>
    public static bool IsOffered(ushort ourFlags, TransportHello peer) =>
        (ourFlags & TransportHello.RingLaneFlag) != 0 && peer.AcceptsRingLane;

    /// <summary>The opener: the segment both sides mapped, or null when the lane stays on the stream (with why).</summary>
    public static async Task<(SharedSegment? Segment, string Why)> OfferAsync(Stream connection, MachineIdentity ours, SharedMemorySettings settings, CancellationToken cancellationToken)
    {
        var theirs = await ExchangeAsync(connection, ours, cancellationToken).ConfigureAwait(false);
        if (Mismatch(ours, theirs) is { } mismatch)
        {
            return (null, mismatch);
        }

        try
        {
            return (await SegmentRendezvous.OfferAsync(connection, settings, cancellationToken).ConfigureAwait(false), string.Empty);
        }
        catch (IOException e) when (IsInStep(e))
        {
            return (null, e.Message);
        }
    }

    /// <summary>The acceptor: the segment the opener offered and this side mapped, or null when the lane stays on the stream.</summary>
    public static async Task<(SharedSegment? Segment, string Why)> AcceptAsync(Stream connection, MachineIdentity ours, SharedMemorySettings settings, CancellationToken cancellationToken)
    {
        var theirs = await ExchangeAsync(connection, ours, cancellationToken).ConfigureAwait(false);
        if (Mismatch(ours, theirs) is { } mismatch)
        {
            return (null, mismatch);
        }

        try
        {
            return (await SegmentRendezvous.AcceptAsync(connection, settings, Interop.GetEUid(), cancellationToken).ConfigureAwait(false), string.Empty);
        }
        catch (IOException e) when (IsInStep(e))
        {
            return (null, e.Message);
        }
    }

    /// <summary>Why two identities cannot share a segment; null when they can.</summary>
    public static string? Mismatch(MachineIdentity ours, MachineIdentity theirs) =>
        ours.BootId != theirs.BootId ? $"the peer runs on another machine: boot-id={theirs.BootId}, ours={ours.BootId}"
        : ours.MountNamespace != theirs.MountNamespace ? $"the peer sees other files (another container): mount-namespace={theirs.MountNamespace}, ours={ours.MountNamespace}"
        : ours.UserId != theirs.UserId ? $"the peer runs as another user: uid={theirs.UserId}, ours={ours.UserId}"
        : null;

    // The rendezvous said why there is no segment (this side could not make it, or a side could not map
    // it): both sides have read every byte the other wrote, and the stream goes on. A connection that
    // ended is not in step: the lane fails as any broken lane does.
    private static bool IsInStep(IOException e) =>
        e is HandshakeException refusal
            ? refusal.Reason == HandshakeRefusal.Segment && refusal.InnerException is not EndOfStreamException
            : e is not EndOfStreamException;

    private static async Task<MachineIdentity> ExchangeAsync(Stream connection, MachineIdentity ours, CancellationToken cancellationToken)
    {
        var bytes = new byte[MachineIdentity.EncodedLength];
        ours.Encode(bytes);
        await connection.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new HandshakeException("the peer closed the lane connection before saying its machine identity", e, reason: HandshakeRefusal.Closed);
        }

        return MachineIdentity.Decode(bytes);
    }
}
