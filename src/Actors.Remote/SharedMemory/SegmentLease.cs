namespace Actors.Remote.SharedMemory;

/// <summary>
/// A scoped use of a segment's memory: while <see cref="IsHeld"/>, the memory stays mapped even if the
/// segment is disposed meanwhile; disposing the lease ends the use. Take it with
/// <c>using var lease = segment.Lease();</c> and touch the memory only when <see cref="IsHeld"/>.
/// </summary>
internal readonly ref struct SegmentLease
{
    private readonly SharedSegment? _segment;

    internal SegmentLease(SharedSegment segment) => _segment = segment;

    /// <summary>False when the segment was already disposed: the memory must not be touched.</summary>
    public bool IsHeld => _segment is not null;

    /// <summary>Ends the use; the memory is unmapped now if the segment was disposed meanwhile and this was the last use.</summary>
    public void Dispose() => _segment?.Exit();
}
