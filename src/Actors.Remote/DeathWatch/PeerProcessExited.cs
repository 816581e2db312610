using Akka.Actor;

namespace Actors.Remote.DeathWatch;

/// <summary>
/// Published on the EventStream when a local transport lost its connection to a peer and confirmed
/// that the peer's process is gone. <see cref="ProcessAwareRemoteWatcher"/> turns it into
/// <see cref="Terminated"/> for every watcher of that address at once.
/// </summary>
/// <param name="Address">The peer system's address (with the <c>akka.</c> prefix).</param>
/// <param name="ProcessId">The peer's process id, as the kernel gave it (see <c>StreamTransport.VouchForPeerAsync</c>).</param>
public sealed record PeerProcessExited(Address Address, int ProcessId);
