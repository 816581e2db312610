using Actors.Remote.Framing;

namespace Actors.Remote.Streams;

/// <summary>
/// A bounded, double-buffered queue of encoded frames between many writers and one sending loop.
/// </summary>
/// <remarks>
/// Writers encode frames into the pending buffer under a short lock; the sending loop swaps the
/// pending buffer for its spare and writes everything that was queued in one call, which is how
/// frames queued together leave in one syscall. Memory is bounded by two buffers of at most
/// <c>capacity</c> bytes each; they start small and grow only as far as load asks.
/// This buffer is all the transport holds; it is not all that grows. A refused frame stays with
/// Akka's endpoint writer, which buffers it and every later message without bound until the peer
/// catches up; <c>outbound-buffer-limit</c> turns the refusal into a counted drop
/// (<see cref="OutboundOverflow"/>) so the whole outbound path is bounded.
/// </remarks>
internal sealed class OutboundBuffer
{
    private const int InitialLength = 64 * 1024;

    private readonly int _capacity;

    // Guards every field below.
    private readonly Lock _gate = new();

    // Frames queued by writers, not yet taken by the sending loop.
    private byte[] _pending;

    // Bytes used at the front of _pending.
    private int _pendingLength;

    // The buffer handed to the sending loop last time; it becomes _pending at the next swap,
    // by which time the loop has finished writing it.
    private byte[] _spare;

    // True from the enqueue that found the loop idle until the loop finds nothing left to take.
    private bool _drainScheduled;

    // No more frames are accepted once set.
    private bool _completed;

    public OutboundBuffer(int capacity)
    {
        _capacity = capacity;
        _pending = new byte[Math.Min(capacity, InitialLength)];
        _spare = new byte[Math.Min(capacity, InitialLength)];
    }

    /// <summary>How many times a frame was refused because the buffer was full.</summary>
    public long RefusedCount { get; private set; }

    /// <summary>Encodes <paramref name="payload"/> as a frame at the end of the queue.</summary>
    /// <param name="payload">The frame's payload.</param>
    /// <param name="wakeSender">Set when the sending loop was idle and must be woken.</param>
    /// <returns><c>false</c> when the buffer is full or completed; nothing was queued.</returns>
    public bool TryEnqueue(ReadOnlySpan<byte> payload, out bool wakeSender)
    {
        wakeSender = false;
        var frameLength = FrameCodec.HeaderLength + payload.Length;
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            var required = _pendingLength + frameLength;
            if (required > _capacity)
            {
                RefusedCount++;
                return false;
            }

            EnsurePendingLengthUnsynchronized(required);
            _pendingLength += FrameCodec.Encode(payload, _pending.AsSpan(_pendingLength));
            if (!_drainScheduled)
            {
                _drainScheduled = true;
                wakeSender = true;
            }

            return true;
        }
    }

    /// <summary>
    /// Takes every queued frame for the sending loop. The memory stays valid until the next call.
    /// </summary>
    /// <returns>The queued bytes, or empty when nothing is queued (the loop may then go idle).</returns>
    public ReadOnlyMemory<byte> TakeBatch()
    {
        lock (_gate)
        {
            if (_pendingLength == 0)
            {
                _drainScheduled = false;
                return ReadOnlyMemory<byte>.Empty;
            }

            var batch = _pending;
            var length = _pendingLength;
            _pending = _spare;
            _spare = batch;
            _pendingLength = 0;
            return batch.AsMemory(0, length);
        }
    }

    /// <summary>Refuses every later frame; frames already queued can still be taken.</summary>
    /// <returns><c>true</c> for the call that completed the buffer.</returns>
    public bool Complete()
    {
        lock (_gate)
        {
            var first = !_completed;
            _completed = true;
            return first;
        }
    }

    /// <summary>True once <see cref="Complete"/> was called: no more frames are accepted.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>True once completed and drained: the sending loop has nothing more to do.</summary>
    public bool IsCompletedAndEmpty
    {
        get
        {
            lock (_gate)
            {
                return _completed && _pendingLength == 0;
            }
        }
    }

    private void EnsurePendingLengthUnsynchronized(int required)
    {
        if (required <= _pending.Length)
        {
            return;
        }

        var grown = new byte[(int)Math.Min(_capacity, Math.Max(required, 2L * _pending.Length))];
        _pending.AsSpan(0, _pendingLength).CopyTo(grown);
        _pending = grown;
    }
}
