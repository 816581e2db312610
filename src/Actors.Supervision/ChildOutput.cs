using Akka.Event;

namespace Actors.Supervision;

/// <summary>
/// What a child process writes, line by line. The last lines are kept in a fixed ring for diagnostics,
/// so a chatty child cannot grow this process's memory; when there is a log, each line also goes to it
/// (standard output as Info, standard error as Warning), at most a set number a second: the lines over
/// that rate are counted, and the count is logged once the next second begins or the child exits.
/// </summary>
/// <remarks>Thread-safe: standard output and standard error are read on different threads.</remarks>
internal sealed class ChildOutput
{
    /// <summary>Longer lines are cut to this many characters: one endless line must not grow memory either.</summary>
    public const int MaximumLineLength = 4096;

    private const long WindowMilliseconds = 1000;

    private readonly string[] _tail;
    private readonly ILoggingAdapter? _log;
    private readonly int _linesLoggedPerSecond;
    private readonly Func<long> _nowMilliseconds;
    private readonly Lock _gate = new();

    // All guarded by _gate.
    private long _lineCount;
    private long _windowStartMilliseconds;
    private int _loggedInWindow;
    private long _unlogged;

    /// <param name="linesKept">How many of the last lines <see cref="Tail"/> holds.</param>
    /// <param name="log">Where each line goes; null logs nothing.</param>
    /// <param name="linesLoggedPerSecond">At most this many lines a second reach <paramref name="log"/>.</param>
    /// <param name="nowMilliseconds">The clock for the rate (a monotonic millisecond count); tests pass their own.</param>
    public ChildOutput(int linesKept, ILoggingAdapter? log, int linesLoggedPerSecond, Func<long>? nowMilliseconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linesKept, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(linesLoggedPerSecond, 0);
        _tail = new string[linesKept];
        _log = log;
        _linesLoggedPerSecond = linesLoggedPerSecond;
        _nowMilliseconds = nowMilliseconds ?? (() => Environment.TickCount64);
        _windowStartMilliseconds = _nowMilliseconds();
    }

    /// <summary>How many lines the child wrote so far, kept or not.</summary>
    public long LineCount
    {
        get
        {
            lock (_gate)
            {
                return _lineCount;
            }
        }
    }

    /// <summary>The last lines the child wrote (at most the number kept), oldest first.</summary>
    public IReadOnlyList<string> Tail
    {
        get
        {
            lock (_gate)
            {
                var count = (int)Math.Min(_lineCount, _tail.Length);
                var tail = new string[count];
                for (var i = 0; i < count; i++)
                {
                    tail[i] = _tail[(_lineCount - count + i) % _tail.Length];
                }

                return tail;
            }
        }
    }

    /// <summary>Keeps <paramref name="line"/> and logs it if the rate allows.</summary>
    public void Add(string line, bool fromStdout)
    {
        if (line.Length > MaximumLineLength)
        {
            line = string.Concat(line.AsSpan(0, MaximumLineLength), "…");
        }

        lock (_gate)
        {
            _tail[_lineCount % _tail.Length] = line;
            _lineCount++;
            if (_log is null)
            {
                return;
            }

            var now = _nowMilliseconds();
            if (now - _windowStartMilliseconds >= WindowMilliseconds)
            {
                ReportUnloggedUnsynchronized();
                _windowStartMilliseconds = now;
                _loggedInWindow = 0;
            }

            if (_loggedInWindow >= _linesLoggedPerSecond)
            {
                _unlogged++;
                return;
            }

            _loggedInWindow++;
            if (fromStdout)
            {
                _log.Info("{0}", line);
            }
            else
            {
                _log.Warning("{0}", line);
            }
        }
    }

    /// <summary>Logs how many lines the rate held back since the last report; called when the child has exited.</summary>
    public void ReportUnlogged()
    {
        lock (_gate)
        {
            ReportUnloggedUnsynchronized();
        }
    }

    private void ReportUnloggedUnsynchronized()
    {
        if (_unlogged > 0)
        {
            _log?.Warning("{0} lines of output not logged: limit={1} lines/s (the last {2} lines are kept)", _unlogged, _linesLoggedPerSecond, _tail.Length);
            _unlogged = 0;
        }
    }
}
