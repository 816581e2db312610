using Akka.Event;

namespace Actors.Remote.Streams;

/// <summary>
/// Accepts from a listener, never taking the process's last <see cref="DescriptorHeadroom.Reserve"/>
/// descriptors, and goes on accepting through failures: an accept that fails is retried
/// after a pause that grows from <see cref="MinimumDelay"/> to <see cref="MaximumDelay"/>, because the
/// usual cause (descriptors ran out, EMFILE) passes once other connections close, and a process that
/// stopped accepting for good could only be restarted. Every listener's accept loop goes through it.
/// </summary>
/// <remarks>
/// An episode of failures is logged once, naming what ran out, and once more when an accept works again.
/// At the edge of a limit accepts fail and work by turns every few milliseconds: a new episode that starts
/// within <see cref="QuietPeriod"/> of the last warning is not logged, so the log gets at most two lines in
/// that time. Not thread-safe: one accept loop owns one instance.
/// </remarks>
internal sealed class BackoffAcceptor
{
    /// <summary>The first pause after a failed accept.</summary>
    internal static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest pause between two attempts: a recovered listener accepts within this.</summary>
    internal static readonly TimeSpan MaximumDelay = TimeSpan.FromSeconds(1);

    /// <summary>The least time between two warnings.</summary>
    internal static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(10);

    private readonly IStreamListener _listener;
    private readonly ILoggingAdapter _log;
    private readonly string _listenerName;
    private TimeSpan _delay = MinimumDelay;

    // Failed accepts since the last one that worked, when the first of them failed, and whether they were warned of.
    private int _failures;
    private long _episodeStartedAt;
    private bool _warned;

    // When the last warning was logged (Environment.TickCount64); null before the first.
    private long? _lastWarningAt;

    /// <param name="listener">The listener to accept from.</param>
    /// <param name="log">Where failures and recoveries are logged.</param>
    /// <param name="listenerName">How log lines name the listener.</param>
    public BackoffAcceptor(IStreamListener listener, ILoggingAdapter log, string listenerName)
    {
        _listener = listener;
        _log = log;
        _listenerName = listenerName;
        DescriptorHeadroom.Prepare();
    }

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
                if (DescriptorHeadroom.Probe() is not 0 and var errno)
                {
                    throw new IOException($"fewer than {DescriptorHeadroom.Reserve} descriptors are left for the rest of the process", errno);
                }

                accepted = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not (OperationCanceledException or ObjectDisposedException) && !cancellationToken.IsCancellationRequested)
            {
                OnFailure(e);
                await Task.Delay(_delay, cancellationToken).ConfigureAwait(false);
                _delay = NextDelay(_delay);
                continue;
            }

            OnSuccess();
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
        var now = Environment.TickCount64;
        if (_failures++ == 0)
        {
            _episodeStartedAt = now;
        }

        if (_warned || (_lastWarningAt is { } last && now - last < QuietPeriod.TotalMilliseconds))
        {
            return;
        }

        _warned = true;
        _lastWarningAt = now;
        if (ResourceExhaustion.TryDescribe(e, out var whatRanOut))
        {
            _log.Warning(
                "[{0}] cannot accept connections: ran out of {1}; listeners leave the last {2} descriptors to the rest of the process. Retrying every {3}-{4} ms until it passes (logged when it does)",
                _listenerName, whatRanOut, DescriptorHeadroom.Reserve, MinimumDelay.TotalMilliseconds, MaximumDelay.TotalMilliseconds);
        }
        else
        {
            _log.Error(
                e,
                "[{0}] accepting a connection failed; retrying every {1}-{2} ms until it works (logged when it does)",
                _listenerName, MinimumDelay.TotalMilliseconds, MaximumDelay.TotalMilliseconds);
        }
    }

    private void OnSuccess()
    {
        if (_failures == 0)
        {
            return;
        }

        if (_warned)
        {
            _log.Info(
                "[{0}] accepting again after {1} failed accept(s) over {2} ms",
                _listenerName, _failures, Environment.TickCount64 - _episodeStartedAt);
        }

        _failures = 0;
        _warned = false;
        _delay = MinimumDelay;
    }
}
