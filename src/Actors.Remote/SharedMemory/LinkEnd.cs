namespace Actors.Remote.SharedMemory;

/// <summary>Why a <see cref="SharedMemoryLink"/> ended.</summary>
/// <param name="Reason">Said in words, for the log and for errors.</param>
/// <param name="IsError">True when the peer failed (a stale heartbeat) rather than went away.</param>
internal sealed record LinkEnd(string Reason, bool IsError);
