namespace Actors.Remote.Handshake;

/// <summary>The transport-level hello failed: the connection is refused before any Akka byte flows.</summary>
internal sealed class HandshakeException : IOException
{
    /// <summary>A refused hello: <paramref name="message"/> says why, <paramref name="reason"/> classifies it for the metrics.</summary>
    /// <param name="message">What failed, with the values that made it fail.</param>
    /// <param name="innerException">The I/O error underneath, if any.</param>
    /// <param name="peerSentNothing">True when the peer closed before sending a byte.</param>
    /// <param name="reason">One of <see cref="HandshakeRefusal"/>'s reasons.</param>
    public HandshakeException(string message, Exception? innerException = null, bool peerSentNothing = false, string reason = HandshakeRefusal.Other)
        : base(message, innerException)
    {
        PeerSentNothing = peerSentNothing;
        Reason = reason;
    }

    /// <summary>Why the hello failed, one of <see cref="HandshakeRefusal"/>'s values.</summary>
    public string Reason { get; }

    /// <summary>The peer connected and closed without sending a byte: a probe, not an attack worth a warning.</summary>
    public bool PeerSentNothing { get; }
}
