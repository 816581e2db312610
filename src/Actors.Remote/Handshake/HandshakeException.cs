namespace Actors.Remote.Handshake;

/// <summary>The transport-level hello failed: the connection is refused before any Akka byte flows.</summary>
internal sealed class HandshakeException : IOException
{
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
