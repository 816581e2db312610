using Akka.Actor;
using Akka.Coordination;

namespace Actors.Coordination;

/// <summary>
/// An Akka.Coordination <see cref="Lease"/> for the processes of one machine: the lease is an
/// open-file-description lock on the file <c>&lt;lease name&gt;.lease</c>, which the kernel releases
/// the moment the holding process dies. Akka finds it by its config block
/// (<see cref="CoordinationConfig.LeasePath"/>): the cluster singleton's <c>use-lease</c> and the
/// split-brain resolver's <c>lease-majority</c> work on one machine with it.
/// </summary>
/// <remarks>
/// <para><see cref="Acquire()"/> answers at once: true when this owner holds the lease (again: it is
/// reentrant), false when another holds it. The lost-lease callback runs when the file at the path is
/// no longer the one locked (deleted or replaced), checked every <c>heartbeat-interval</c> and at every
/// <see cref="CheckLease"/>. Two <see cref="ProcessLease"/> instances exclude each other even within
/// one process (each has its own open file description).</para>
/// <para>Created with an actor system, the lease is released when the system terminates.</para>
/// </remarks>
public sealed class ProcessLease : Lease
{
    /// <summary>The extension of lease files.</summary>
    public const string FileExtension = ".lease";

    private readonly object _gate = new();
    private readonly ProcessSemaphore _lock;
    private SemaphorePermit? _permit;

    /// <summary>The constructor Akka's LeaseProvider calls: the lease ends with <paramref name="system"/>.</summary>
    public ProcessLease(LeaseSettings settings, ActorSystem system)
        : this(settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.RegisterOnTermination(() => _lock.Dispose());
    }

    /// <summary>A lease with its settings: its block in <see cref="LeaseSettings.LeaseConfig"/> (our defaults behind it).</summary>
    /// <exception cref="IOException">The directory or the lease file is not safe (another user's), or cannot be opened.</exception>
    public ProcessLease(LeaseSettings settings)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var coordination = CoordinationSettings.FromLeaseConfig(settings.LeaseConfig);
        _lock = new ProcessSemaphore(
            CoordinationDirectory.PathOf(coordination.Directory, settings.LeaseName, FileExtension), permitCount: 1, coordination);
    }

    /// <summary>The lease file.</summary>
    public string Path => _lock.Path;

    /// <inheritdoc />
    public override Task<bool> Acquire() => AsTask(leaseLostCallback: null);

    /// <inheritdoc />
    public override Task<bool> Acquire(Action<Exception> leaseLostCallback) => AsTask(leaseLostCallback);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the lease (Akka's API only tries): tries with back-off
    /// up to <c>max-poll-interval</c>, so the lease is taken within that much after its holder dies.
    /// </summary>
    /// <returns>True when held; false when another still held it at the timeout.</returns>
    public async Task<bool> AcquireAsync(TimeSpan timeout, Action<Exception>? leaseLostCallback = null, CancellationToken cancellationToken = default)
    {
        if (TryAcquire(leaseLostCallback))
        {
            return true;
        }

        var permit = await _lock.AcquireAsync(timeout, cancellationToken).ConfigureAwait(false);
        return permit is not null && Keep(permit, leaseLostCallback);
    }

    /// <summary>Releases the lease; true once this owner no longer holds it (also when it did not).</summary>
    public override Task<bool> Release()
    {
        lock (_gate)
        {
            _permit?.Release();
            _permit = null;
        }

        return Task.FromResult(true);
    }

    /// <summary>True while held: the lock is ours and the file at the path is still the one locked (checked now).</summary>
    public override bool CheckLease()
    {
        SemaphorePermit? permit;
        lock (_gate)
        {
            permit = _permit;
        }

        return permit is { IsHeld: true } && _lock.CheckNow() && permit.IsHeld;
    }

    /// <summary>A failure as a failed task, as Akka's callers expect of an async API (they pipe it to an actor).</summary>
    private Task<bool> AsTask(Action<Exception>? leaseLostCallback)
    {
        try
        {
            return Task.FromResult(TryAcquire(leaseLostCallback));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return Task.FromException<bool>(new LeaseException($"lease acquire failed: lease={Settings.LeaseName}, owner={Settings.OwnerName}: {e.Message}", e));
        }
    }

    private bool TryAcquire(Action<Exception>? leaseLostCallback)
    {
        lock (_gate)
        {
            if (_permit is { IsHeld: true } held)
            {
                Register(held, leaseLostCallback);
                return true;
            }
        }

        return _lock.TryAcquire() is { } permit && Keep(permit, leaseLostCallback);
    }

    private bool Keep(SemaphorePermit permit, Action<Exception>? leaseLostCallback)
    {
        lock (_gate)
        {
            if (_permit is { IsHeld: true })
            {
                // A concurrent acquire of this same lease won first; ours is one too many.
                permit.Release();
            }
            else
            {
                _permit = permit;
            }

            Register(_permit!, leaseLostCallback);
            return true;
        }
    }

    private void Register(SemaphorePermit permit, Action<Exception>? leaseLostCallback)
    {
        if (leaseLostCallback is not null)
        {
            permit.Lost.Register(() => leaseLostCallback(new LeaseException(
                $"lease lost: lease={Settings.LeaseName}, owner={Settings.OwnerName}, {permit.LostReason}")));
        }
    }
}
