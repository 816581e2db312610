using System.Threading.Tasks.Sources;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// A reusable awaitable that the ring's waiting thread completes when records (or the end) arrive.
/// </summary>
/// <remarks>
/// Continuations run synchronously on the completing thread: the association's read loop then runs
/// on the waiting thread itself, decodes what arrived and asks for more, all without a thread hop.
/// At most one wait is outstanding at a time (a stream has one reader).
/// </remarks>
internal sealed class ReadSignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };

    /// <summary>Arms the signal and returns the awaitable for this round.</summary>
    public ValueTask Arm()
    {
        _core.Reset();
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Completes this round; the awaiting read continues on the calling thread.</summary>
    public void Signal() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
