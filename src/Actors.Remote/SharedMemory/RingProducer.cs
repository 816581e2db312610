using System.Runtime.CompilerServices;
using Actors.Remote.Native;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// The writing end of a single-producer single-consumer ring in shared memory (Agrona's one-to-one
/// ring buffer, reduced to what we need). Exactly one thread at a time may write.
/// </summary>
/// <remarks>
/// A record is copied in, then the tail is published with a release store, so the consumer's
/// acquire load of the tail makes the whole record visible. Where a record would straddle the end
/// of the ring a padding record fills the rest and the record starts again at offset 0.
/// The memory must stay mapped for as long as this object is used; the owner sees to that.
/// </remarks>
internal sealed unsafe class RingProducer
{
    private readonly byte* _region;
    private readonly byte* _records;
    private readonly int _capacity;
    private readonly int _mask;

    // Our own copy of the tail (only we write it) and the last head we read: re-reading the
    // consumer's counter only when the ring looks full keeps its cache line where it is.
    private long _tail;
    private long _headCache;

    // The length of the record reserved by TryClaim and not committed yet.
    private int _claimedLength;

    /// <param name="region">The ring's region: <see cref="RingLayout.DescriptorLength"/> bytes of counters, then the records.</param>
    /// <param name="capacity">The bytes available to records; a power of two.</param>
    public RingProducer(byte* region, int capacity)
    {
        RingLayout.CheckCapacity(capacity);
        _region = region;
        _records = region + RingLayout.DescriptorLength;
        _capacity = capacity;
        _mask = capacity - 1;
        _tail = Volatile.Read(ref Counter(RingLayout.TailOffset));
        _headCache = Volatile.Read(ref Counter(RingLayout.HeadOffset));
        MaximumPayload = RingLayout.MaximumPayload(capacity);
    }

    /// <summary>The largest payload one record carries.</summary>
    public int MaximumPayload { get; }

    /// <summary>The bytes available to records.</summary>
    public int Capacity => _capacity;

    /// <summary>Bytes written and not yet consumed, as far as this side knows.</summary>
    public long Backlog => _tail - Volatile.Read(ref Counter(RingLayout.HeadOffset));

    /// <summary>Copies <paramref name="payload"/> into the ring as one data record.</summary>
    /// <returns><c>false</c> when the ring has no room for it now; nothing was written.</returns>
    /// <exception cref="RecordTooLargeException">The payload is larger than <see cref="MaximumPayload"/>.</exception>
    public bool TryWrite(ReadOnlySpan<byte> payload)
    {
        if (!TryClaim(payload.Length, out var destination))
        {
            return false;
        }

        payload.CopyTo(destination);
        Commit();
        return true;
    }

    /// <summary>
    /// Reserves room for one data record of <paramref name="payloadLength"/> bytes and hands out its
    /// payload to be written in place; nothing is visible to the consumer until <see cref="Commit"/>.
    /// Saves a copy when a record is assembled from several parts.
    /// </summary>
    /// <returns><c>false</c> when the ring has no room for it now.</returns>
    /// <exception cref="RecordTooLargeException">The payload is larger than <see cref="MaximumPayload"/>.</exception>
    public bool TryClaim(int payloadLength, out Span<byte> payload)
    {
        if (payloadLength > MaximumPayload)
        {
            throw new RecordTooLargeException(payloadLength, MaximumPayload);
        }

        var recordLength = RingLayout.RecordLength(payloadLength);
        var index = (int)(_tail & _mask);
        var toEnd = _capacity - index;
        var padding = recordLength > toEnd ? toEnd : 0;
        if (!HasRoom(padding + recordLength))
        {
            payload = default;
            return false;
        }

        if (padding > 0)
        {
            WriteHeader(index, toEnd - RingLayout.RecordHeaderLength, RingLayout.PaddingType);
            _tail += padding;
            index = 0;
        }

        WriteHeader(index, payloadLength, RingLayout.DataType);
        _claimedLength = recordLength;
        payload = new Span<byte>(_records + index + RingLayout.RecordHeaderLength, payloadLength);
        return true;
    }

    /// <summary>Publishes the record reserved by the last successful <see cref="TryClaim"/>.</summary>
    public void Commit()
    {
        _tail += _claimedLength;
        _claimedLength = 0;
        Volatile.Write(ref Counter(RingLayout.TailOffset), _tail);
    }

    /// <summary>
    /// Wakes the consumer if it sleeps waiting for records. Call after a batch of writes; cheap when
    /// the consumer is awake (one fence and one load).
    /// </summary>
    public void WakeConsumer()
    {
        // Store-load fence: our tail store must be visible before we look at the consumer's flag, or
        // a consumer that parks at this instant (flag store, then tail load) could miss both.
        Interlocked.MemoryBarrier();
        ref var parked = ref Unsafe.AsRef<int>(_region + RingLayout.ConsumerParkedOffset);
        if (Volatile.Read(ref parked) != 0 && Interlocked.Exchange(ref parked, 0) != 0)
        {
            Interop.FutexWakeShared((int*)Unsafe.AsPointer(ref parked), 1);
        }
    }

    private bool HasRoom(int length)
    {
        if (_tail + length - _headCache <= _capacity)
        {
            return true;
        }

        _headCache = Volatile.Read(ref Counter(RingLayout.HeadOffset));
        return _tail + length - _headCache <= _capacity;
    }

    private void WriteHeader(int index, int payloadLength, int type)
    {
        Unsafe.WriteUnaligned(_records + index, payloadLength);
        Unsafe.WriteUnaligned(_records + index + 4, type);
    }

    private ref long Counter(int offset) => ref Unsafe.AsRef<long>(_region + offset);
}
