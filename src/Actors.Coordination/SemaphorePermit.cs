namespace Actors.Coordination;

/// <summary>
/// One permit of a <see cref="ProcessSemaphore"/>, held until released (or disposed), lost, or the
/// process dies (then the kernel releases it).
/// </summary>
/// <remarks>
/// From an actor: <c>semaphore.AcquireAsync(timeout).PipeTo(Self)</c>, then
/// <c>permit.Lost.Register(() =&gt; self.Tell(new PermitLost()))</c> with <c>self</c> captured first.
/// </remarks>
public sealed class SemaphorePermit : IDisposable
{
    private readonly ProcessSemaphore _semaphore;
    private readonly CancellationTokenSource _lost = new();
    private int _state;

    private const int Held = 0;
    private const int Released = 1;
    private const int LostState = 2;

    internal SemaphorePermit(ProcessSemaphore semaphore, int index)
    {
        _semaphore = semaphore;
        Index = index;
    }

    /// <summary>Which permit: the byte of the semaphore file this permit locks, 0 to count - 1.</summary>
    public int Index { get; }

    /// <summary>True until released or lost.</summary>
    public bool IsHeld => Volatile.Read(ref _state) == Held;

    /// <summary>Cancelled when the permit is lost while held (its file deleted or replaced); never on release.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the permit was lost; null while it was not.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Releases the permit; again, or after it was lost, nothing happens.</summary>
    public void Release()
    {
        if (Interlocked.CompareExchange(ref _state, Released, Held) == Held)
        {
            _semaphore.Return(this);
        }
    }

    /// <summary>Releases the permit.</summary>
    public void Dispose() => Release();

    /// <summary>Marks it no longer held without telling anyone (its semaphore closed).</summary>
    internal void Forget() => Interlocked.CompareExchange(ref _state, Released, Held);

    /// <summary>Marks it lost and runs what waits on <see cref="Lost"/>; false when it was no longer held.</summary>
    internal bool MarkLost(string reason)
    {
        if (Interlocked.CompareExchange(ref _state, LostState, Held) != Held)
        {
            return false;
        }

        LostReason = reason;
        _lost.Cancel();
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"SemaphorePermit(index={Index}, held={IsHeld})";
}
