namespace Actors.Remote.SharedMemory;

/// <summary>
/// A record in a ring does not make sense: the peer wrote past the rules (a bug or a hostile process).
/// The association that owns the ring must be dropped; nothing after this point can be trusted.
/// </summary>
internal sealed class RingCorruptedException(string message) : IOException(message);
