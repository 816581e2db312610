namespace Actors.Remote.Handshake;

/// <summary>
/// Which end of the connection a side is. The shared-secret proof names the sender's role, so a
/// proof can never be sent back to the side that made it, on the same connection or another.
/// </summary>
internal enum HandshakeRole : byte
{
    /// <summary>Not said: allowed only without a shared secret.</summary>
    Unspecified = 0,

    /// <summary>This side connected.</summary>
    Connecting = 1,

    /// <summary>This side accepted the connection.</summary>
    Accepting = 2,
}
