namespace Actors.Remote.FastLane;

/// <summary>
/// A lane's records into a buffer that a stream connection takes in batches: writers append frames
/// (<see cref="LaneFrames"/>) to the filling buffer, and the connection's flusher swaps it for the
/// empty one and writes the whole batch with one call, so many messages cost one syscall.
/// </summary>
/// <remarks>
/// Two buffers of <see cref="Capacity"/> bytes: one filling, one in flight. "No room" means the filling
/// buffer is full while the other is still being written: the lane's writer then holds its records, as
/// it does for a full ring. The sink's own lock is held from <see cref="TryClaim"/> to <see cref="Commit"/>
/// and while buffers are swapped, so the flusher never takes a half-written record.
/// </remarks>
internal sealed class StreamRecordSink : ILaneRecordSink
{
    private readonly Lock _gate = new();
    private byte[] _filling;
    private byte[] _spare;
    private int _filled;
    private int _claimed;
    private int _inFlight;

    /// <param name="maximumPayload">The largest record; the reader's limit must be at least this.</param>
    /// <param name="capacity">Bytes of each buffer; at least one largest record and its header.</param>
    public StreamRecordSink(int maximumPayload, int capacity)
    {
        if (capacity < maximumPayload + LaneFrames.HeaderLength)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), $"a lane stream buffer is smaller than one record: capacity={capacity}, limit={maximumPayload + LaneFrames.HeaderLength}");
        }

        MaximumPayload = maximumPayload;
        _filling = new byte[capacity];
        _spare = new byte[capacity];
    }

    public int MaximumPayload { get; }

    public long Backlog => Volatile.Read(ref _filled) + Volatile.Read(ref _inFlight);

    public long Capacity => _filling.Length;

    /// <summary>True while frames wait in the filling buffer.</summary>
    public bool HasPending => Volatile.Read(ref _filled) > 0;

    public bool TryClaim(int length, out Span<byte> record)
    {
        _gate.Enter();
        if (_filled + LaneFrames.HeaderLength + length > _filling.Length)
        {
            _gate.Exit();
            record = default;
            return false;
        }

        LaneFrames.WriteHeader(_filling.AsSpan(_filled), length);
        record = _filling.AsSpan(_filled + LaneFrames.HeaderLength, length);
        _claimed = LaneFrames.HeaderLength + length;
        return true;
    }

    public void Commit()
    {
        Volatile.Write(ref _filled, _filled + _claimed);
        _claimed = 0;
        _gate.Exit();
    }

    public bool TryWrite(ReadOnlySpan<byte> record)
    {
        if (!TryClaim(record.Length, out var destination))
        {
            return false;
        }

        record.CopyTo(destination);
        Commit();
        return true;
    }

    /// <summary>
    /// Takes the frames written so far (empty when none); the caller writes them to the connection and then
    /// calls <see cref="Written"/> before it takes again.
    /// </summary>
    public ReadOnlyMemory<byte> Take()
    {
        lock (_gate)
        {
            if (_filled == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            (_filling, _spare) = (_spare, _filling);
            var batch = new ReadOnlyMemory<byte>(_spare, 0, _filled);
            Volatile.Write(ref _inFlight, _filled);
            Volatile.Write(ref _filled, 0);
            return batch;
        }
    }

    /// <summary>The batch taken last has left: its buffer may fill again.</summary>
    public void Written() => Volatile.Write(ref _inFlight, 0);
}
