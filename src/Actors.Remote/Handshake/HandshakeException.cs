namespace Actors.Remote.Handshake;

/// <summary>The transport-level hello failed: the connection is refused before any Akka byte flows.</summary>
public sealed class HandshakeException : IOException
{
    public HandshakeException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
