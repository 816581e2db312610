using Akka.Event;

namespace Actors.Remote.Diagnostics.ExpectedDeaths;

/// <summary>
/// Keeps Akka.Remote's association-loss lines (the <c>Disassociated</c> ERROR with its stack trace, the
/// "has failed; address is now gated", quarantine and AssociationError WARNINGs) out of the log when they are
/// about a peer whose process a local transport confirmed gone: that end is news, not a failure, and the
/// transport logs it as one INFO line, "peer &lt;address&gt; process &lt;pid&gt; exited (confirmed by the kernel)".
/// Lines about a peer not confirmed dead (it lives on, or the transport cannot know: TCP), and every other
/// line, are kept.
/// </summary>
/// <remarks>
/// <para>A process-aware provider installs it in its system's log filter by itself (see
/// <see cref="ExpectedDeathLogFilterInstaller"/>), which covers Akka's console logger. A logger that reads
/// <c>Settings.LogFilter</c> gets it too; to be explicit, add it to a <see cref="LogFilterSetup"/>.</para>
/// <para>The confirmation runs when the association ends and takes up to a second for a peer that lives
/// on, so a loss line about a peer the kernel vouches for may wait that long in the logger before it is
/// kept or dropped; any other line is decided at once.</para>
/// </remarks>
public sealed class ExpectedDeathLogFilter : LogFilterBase
{
    // The confirmation's own window is 1 s from the association's end; the line was logged after that end.
    private static readonly TimeSpan s_confirmationWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(5);

    // What Akka.Remote's lines about an association that ended say (Endpoint.cs, Remoting.cs in Akka 1.5):
    // the writer's EndpointDisassociatedException("Disassociated") logged by its supervisor as an ERROR,
    // the supervisor's gating WARNING quoting it, and the quarantine WARNINGs once the address is given
    // up (the process-aware watcher quarantines a confirmed-dead peer, whose UID it may not know yet),
    // and the AssociationError WARNING of a writer that tries the dead peer's address again.
    private static readonly string[] s_lossMarks =
        ["Disassociated", "has failed; address is now gated", "irrecoverably failed", "is reported as quarantined", "AssociationError"];

    /// <inheritdoc />
    public override LogFilterType FilterType => LogFilterType.Content;

    /// <inheritdoc />
    public override LogFilterDecision ShouldKeepMessage(LogEvent content, string? expandedMessage = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.LogLevel() is not (LogLevel.WarningLevel or LogLevel.ErrorLevel))
        {
            return LogFilterDecision.Keep;
        }

        var text = $"{content.LogSource} {content.Message} {content.Cause}";
        if (!s_lossMarks.Any(mark => text.Contains(mark, StringComparison.Ordinal)) || PeerFates.NamedIn(text) is not { } fate)
        {
            return LogFilterDecision.Keep;
        }

        return ConfirmedGone(fate) ? LogFilterDecision.Drop : LogFilterDecision.Keep;
    }

    // The line may reach the logger before the transport has started the confirmation (both follow the
    // association's end on different threads): wait for it to start, then for its verdict, both bounded.
    private static bool ConfirmedGone(PeerFate fate)
    {
        var deadline = DateTime.UtcNow + s_confirmationWait;
        while (fate.Confirmation is null && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(s_pollInterval);
        }

        var remaining = deadline - DateTime.UtcNow;
        return fate.Confirmation is { } confirmation
            && remaining > TimeSpan.Zero
            && confirmation.Wait(remaining)
            && confirmation.Result;
    }
}
