using Akka.Event;

namespace Actors.Remote.Streams;

/// <summary>
/// Accepts from a listener and goes on accepting through failures: an accept that fails is retried
/// after a pause that grows from <see cref="MinimumDelay"/> to <see cref="MaximumDelay"/>, because the
/// usual cause (descriptors ran out, EMFILE) passes once other connections close, and a process that
/// stopped accepting for good could only be restarted. Every listener's accept loop goes through it.
/// </summary>
/// <remarks>
/// Logged once per episode (the first failure, naming what ran out) and once when an accept works again,
/// so a long exhaustion does not flood the log. Not thread-safe: one accept loop owns one instance.
/// </remarks>
internal sealed class BackoffAcceptor(IStreamListener listener, ILoggingAdapter log, string listenerName)
{
    /// <summary>The first pause after a failed accept.</summary>
    internal static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest pause between two attempts: a recovered listener accepts within this.</summary>
    internal static readonly TimeSpan MaximumDelay = TimeSpan.FromSeconds(1);

    private TimeSpan _delay = MinimumDelay;

    // Failed accepts in the current episode (0: accepting works), and when the episode began.
    private int _failures;
    private long _episodeStartedAt;

    /// <summary>
    /// The next inbound connection. Throws only when <paramref name="cancellationToken"/> is cancelled
    /// or the listener was disposed: every other failure is waited out.
    /// </summary>
    public async Task<AcceptedStream> AcceptAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            AcceptedStream accepted;
            try
            {
                accepted = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException) && !cancellationToken.IsCancellationRequested)
            {
                OnFailure(e);
                await Task.Delay(_delay, cancellationToken).ConfigureAwait(false);
                _delay = NextDelay(_delay);
                continue;
            }

            if (_failures > 0)
            {
                log.Info(
                    "[{0}] accepting again after {1} failed accept(s) over {2} ms",
                    listenerName, _failures, Environment.TickCount64 - _episodeStartedAt);
                _failures = 0;
                _delay = MinimumDelay;
            }

            return accepted;
        }
    }

    /// <summary>The pause after <paramref name="current"/>: twice as long, at most <see cref="MaximumDelay"/>.</summary>
    internal static TimeSpan NextDelay(TimeSpan current)
    {
        var doubled = current * 2;
        return doubled < MinimumDelay ? MinimumDelay : doubled > MaximumDelay ? MaximumDelay : doubled;
    }

    private void OnFailure(Exception e)
    {
        if (_failures++ > 0)
        {
            return;
        }

        _episodeStartedAt = Environment.TickCount64;
        if (ResourceExhaustion.TryDescribe(e, out var whatRanOut))
        {
            log.Warning(
                "[{0}] cannot accept connections: ran out of {1}; {2}. Retrying every {3}-{4} ms until it passes (logged again when it does)",
                listenerName, whatRanOut, e.Message, MinimumDelay.TotalMilliseconds, MaximumDelay.TotalMilliseconds);
        }
        else
        {
            log.Error(
                e,
                "[{0}] accepting a connection failed; retrying every {1}-{2} ms until it works (logged again when it does)",
                listenerName, MinimumDelay.TotalMilliseconds, MaximumDelay.TotalMilliseconds);
        }
    }
}
