using Akka.Actor;

namespace Actors.Remote.DeathWatch;

/// <summary>
/// The process whose end an association's end may be taken for, and the address its death is told
/// under; only built from what the kernel vouches for (see <c>StreamTransport.VouchForPeerAsync</c>).
/// </summary>
/// <param name="Address">The peer system's address, with the <c>akka.</c> prefix.</param>
/// <param name="ProcessId">The peer's process id as the kernel gave it.</param>
internal sealed record WatchedPeer(Address Address, int ProcessId);
