using Akka.Actor;

namespace Actors.Coordination;

/// <summary>
/// A semaphore of <see cref="PermitCount"/> permits shared by every process of this user that opens
/// the same name in the same directory: permit i is an open-file-description lock on byte i of the
/// file <c>&lt;name&gt;.semaphore</c>, so a process that dies, even by SIGKILL, gives its permits
/// back at once (the kernel drops its locks with its descriptors).
/// </summary>
/// <remarks>
/// <para>Every process must open a name with the same permit count; nothing in the file records it.</para>
/// <para>Waiting (<see cref="AcquireAsync"/>) polls with back-off, 1ms doubling up to the max poll
/// interval, on timers: no thread is blocked and no core spins. A blocking <c>F_OFD_SETLKW</c> would
/// wait for one given byte only (missing another permit freed meanwhile), and a thread blocked in it
/// can be woken for cancellation only by a signal, which .NET gives no safe way to send to one thread.</para>
/// <para>A held permit is lost when the file at the path is no longer the one we locked (deleted or
/// replaced): checked every check interval while permits are held, by <see cref="CheckNow"/>, and
/// before every try to acquire (a statx), which then moves to the file the path names now; without
/// that look a process whose file was deleted would keep locking the old file and exclude nobody.
/// Lost permits' <see cref="SemaphorePermit.Lost"/> tokens are cancelled. Thread-safe.</para>
/// </remarks>
public sealed class ProcessSemaphore : IDisposable
{
    /// <summary>The extension of semaphore files.</summary>
    public const string FileExtension = ".semaphore";

    /// <summary>The most permits a semaphore may have: each try scans them with one call each.</summary>
    public const int MaxPermitCount = 4096;

    private static readonly TimeSpan s_firstPollInterval = TimeSpan.FromMilliseconds(1);

    private readonly object _gate = new();
    private readonly SemaphorePermit?[] _held;
    private readonly Timer _checkTimer;
    private LockFile? _file;
    private int _heldCount;
    private bool _disposed;

    /// <summary>Opens the semaphore file at <paramref name="path"/>; see <see cref="Open(string, int, CoordinationSettings)"/>.</summary>
    internal ProcessSemaphore(string path, int permitCount, CoordinationSettings settings)
    {
        if (permitCount is < 1 or > MaxPermitCount)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"permit count out of range: permits={permitCount}, limit=1..{MaxPermitCount}");
        }

        Settings = settings.Validate();
        PermitCount = permitCount;
        _held = new SemaphorePermit?[permitCount];
        _file = LockFile.Open(path);
        Path = path;
        _checkTimer = new Timer(static state => ((ProcessSemaphore)state!).CheckNow(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The number of permits.</summary>
    public int PermitCount { get; }

    /// <summary>The semaphore file.</summary>
    public string Path { get; }

    /// <summary>The settings it was opened with.</summary>
    public CoordinationSettings Settings { get; }

    /// <summary>How many permits this instance holds now.</summary>
    public int HeldCount
    {
        get
        {
            lock (_gate)
            {
                return _heldCount;
            }
        }
    }

    /// <summary>
    /// Opens the semaphore <paramref name="name"/> (any text: it is escaped into a file name) with
    /// <paramref name="permitCount"/> permits in the directory of <paramref name="settings"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or too long.</exception>
    /// <exception cref="IOException">The directory or the file is not safe (another user's), or cannot be opened.</exception>
    public static ProcessSemaphore Open(string name, int permitCount, CoordinationSettings settings) =>
        new(CoordinationDirectory.PathOf(settings.Directory, name, FileExtension), permitCount, settings);

    /// <summary>As <see cref="Open(string, int, CoordinationSettings)"/> with the system's <c>actors.coordination.semaphore</c> block.</summary>
    public static ProcessSemaphore Open(ActorSystem system, string name, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(system);
        var section = system.Settings.Config.HasPath(CoordinationConfig.SemaphorePath)
            ? system.Settings.Config.GetConfig(CoordinationConfig.SemaphorePath)
            : null;
        return Open(name, permitCount, CoordinationSettings.FromSemaphoreConfig(section));
    }

    /// <summary>Takes a free permit without waiting; null when all are held (here or by other processes).</summary>
    /// <exception cref="ObjectDisposedException">The semaphore was disposed.</exception>
    /// <exception cref="IOException">The file could not be reopened after a loss, or a lock call failed.</exception>
    public SemaphorePermit? TryAcquire()
    {
        List<SemaphorePermit>? lost = null;
        string? reason = null;
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_heldCount == PermitCount)
                {
                    return null;
                }

                // Locks on a file no longer at the path exclude nobody who opens the path now: look first,
                // and move to the file the path names (what we held on the old one is lost).
                if (_file?.WhyNoLongerAtPath() is { } moved)
                {
                    reason = moved;
                    lost = LoseAllUnsynchronized();
                }

                _file ??= LockFile.Open(Path);
                return TryLockFreeUnsynchronized(_file);
            }
        }
        finally
        {
            Notify(lost, reason);
        }
    }

    /// <summary>
    /// Takes a free permit, waiting up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>:
    /// without limit) for one; null when none was free in time. Tries again after 1ms, then doubling
    /// pauses up to the max poll interval.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative timeout other than infinite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<SemaphorePermit?> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var infinite = timeout == Timeout.InfiniteTimeSpan;
        if (timeout < TimeSpan.Zero && !infinite)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, $"acquire timeout is negative: timeout={timeout}");
        }

        var started = TimeProvider.System.GetTimestamp();
        var pause = s_firstPollInterval;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire() is { } permit)
            {
                return permit;
            }

            var left = infinite ? pause : timeout - TimeProvider.System.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(pause < left ? pause : left, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < Settings.MaxPollInterval ? pause * 2 : Settings.MaxPollInterval;
        }
    }

    /// <summary>
    /// Checks now that the file at the path is still the one locked; if not, every held permit is lost
    /// (its <see cref="SemaphorePermit.Lost"/> cancelled) and the file is closed.
    /// </summary>
    /// <returns>True when nothing was lost.</returns>
    public bool CheckNow()
    {
        List<SemaphorePermit> lost;
        string? reason;
        lock (_gate)
        {
            if (_disposed || _file is null || _heldCount == 0 || (reason = _file.WhyNoLongerAtPath()) is null)
            {
                return true;
            }

            lost = LoseAllUnsynchronized();
        }

        Notify(lost, reason);
        return false;
    }

    /// <summary>Closes the file: every permit still held is released (by the kernel, as at death).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _checkTimer.Dispose();
            foreach (var permit in _held)
            {
                permit?.Forget();
            }

            Array.Clear(_held);
            _heldCount = 0;
            _file?.Dispose();
            _file = null;
        }
    }

    /// <summary>Takes the first byte no permit of ours holds and no other description holds; null when none.</summary>
    private SemaphorePermit? TryLockFreeUnsynchronized(LockFile file)
    {
        for (var index = 0; index < PermitCount; index++)
        {
            // A byte this description holds would be granted again: the kernel cannot tell our permits apart.
            if (_held[index] is null && file.TryLock(index))
            {
                var permit = new SemaphorePermit(this, index);
                _held[index] = permit;
                if (_heldCount++ == 0)
                {
                    _checkTimer.Change(Settings.CheckInterval, Settings.CheckInterval);
                }

                return permit;
            }
        }

        return null;
    }

    /// <summary>Forgets every held permit and closes the file (its locks guard nothing now); the permits to tell.</summary>
    private List<SemaphorePermit> LoseAllUnsynchronized()
    {
        List<SemaphorePermit> lost = [.. _held.OfType<SemaphorePermit>()];
        Array.Clear(_held);
        _heldCount = 0;
        _checkTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _file?.Dispose();
        _file = null;
        return lost;
    }

    /// <summary>Tells the lost permits, outside the lock: what waits on them is the user's code.</summary>
    private static void Notify(List<SemaphorePermit>? lost, string? reason)
    {
        foreach (var permit in lost ?? [])
        {
            permit.MarkLost(reason ?? "lock file moved");
        }
    }

    /// <summary>Gives back <paramref name="permit"/>, unless it was lost or the semaphore closed meanwhile.</summary>
    internal void Return(SemaphorePermit permit)
    {
        lock (_gate)
        {
            if (_disposed || _file is null || !ReferenceEquals(_held[permit.Index], permit))
            {
                return;
            }

            _file.Unlock(permit.Index);
            _held[permit.Index] = null;
            if (--_heldCount == 0)
            {
                _checkTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
