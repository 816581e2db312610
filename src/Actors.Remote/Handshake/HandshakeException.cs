namespace Actors.Remote.Handshake;

/// <summary>The transport-level hello failed: the connection is refused before any Akka byte flows.</summary>
public sealed class HandshakeException : IOException
{
    public HandshakeException(string message, Exception? innerException = null, bool peerSentNothing = false)
        : base(message, innerException)
    {
        PeerSentNothing = peerSentNothing;
    }

    /// <summary>The peer connected and closed without sending a byte: a probe, not an attack worth a warning.</summary>
    public bool PeerSentNothing { get; }
}
