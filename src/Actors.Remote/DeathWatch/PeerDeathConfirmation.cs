using Actors.Remote.Diagnostics;
using Actors.Remote.Diagnostics.ExpectedDeaths;
using Actors.Remote.Platform;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.DeathWatch;

/// <summary>
/// After a local association ends (lost, or closed by a peer that is shutting down), checks whether
/// the peer's process is gone and says so on the EventStream. A peer that lives on is left to Akka.
/// </summary>
internal static class PeerDeathConfirmation
{
    // The connection breaks while the kernel tears the dying process down; it shows as gone (or a
    // zombie) a moment later. Look for this long before concluding it lives on.
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Watches <paramref name="processId"/> for up to a second; publishes <see cref="PeerProcessExited"/> if it is gone.</summary>
    /// <param name="system">The system whose EventStream hears the news.</param>
    /// <param name="peerAddress">The peer's address, named in the news.</param>
    /// <param name="processId">The peer's process id, from its hello.</param>
    /// <param name="log">Where the confirmation is logged.</param>
    /// <param name="endedAtTimestamp">When the association ended (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>): the death-to-Terminated histogram starts there.</param>
    /// <returns>True when the process is gone.</returns>
    public static Task<bool> ConfirmAsync(ActorSystem system, Address peerAddress, int processId, ILoggingAdapter log, long endedAtTimestamp)
    {
        var confirmation = WatchAsync(system, peerAddress, processId, log, endedAtTimestamp);
        // Akka's lines about this association's end wait for the verdict (ExpectedDeathLogFilter).
        PeerFates.Ending(peerAddress, processId, confirmation);
        return confirmation;
    }

    private static async Task<bool> WatchAsync(ActorSystem system, Address peerAddress, int processId, ILoggingAdapter log, long endedAtTimestamp)
    {
        var deadline = DateTime.UtcNow + s_window;
        while (DateTime.UtcNow < deadline)
        {
            if (ProcessLiveness.IsGone(processId))
            {
                // Info: a peer that exited on purpose ends the same way; the remote watcher warns when
                // someone was watching it. Akka's association-error lines for it are dropped (ExpectedDeathLogFilter).
                log.Info("peer {0} process {1} exited (confirmed by the kernel)", peerAddress, processId);
                system.EventStream.Publish(new PeerProcessExited(peerAddress, processId));
                RemoteMetrics.PeerDeathPublished(system.Name, TransportOf(peerAddress), endedAtTimestamp);
                return true;
            }

            await Task.Delay(s_pollInterval).ConfigureAwait(false);
        }

        log.Debug("the association with {0} ended but its process (pid {1}) still runs", peerAddress, processId);
        return false;
    }

    // "akka.uds" -> "uds": the transport tag names the raw scheme.
    private static string TransportOf(Address peerAddress) =>
        peerAddress.Protocol.StartsWith("akka.", StringComparison.Ordinal) ? peerAddress.Protocol["akka.".Length..] : peerAddress.Protocol;
}
