using System.Runtime.CompilerServices;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// The reading end of a single-producer single-consumer ring (see <see cref="RingProducer"/>).
/// Exactly one thread at a time may read.
/// </summary>
/// <remarks>
/// The tail is loaded with acquire semantics, records up to it are read, and the head is published
/// with a release store once they are consumed, which hands their space back to the producer.
/// Everything read from the ring is checked: the peer is another process and may be broken or
/// hostile, so positions are only ever compared relative to our head (no overflow can walk us off
/// the ring) and every record must lie inside the ring and inside what was published.
/// </remarks>
internal sealed unsafe class RingConsumer
{
    /// <summary>Receives one data record; the span is valid only during the call.</summary>
    public delegate void RecordHandler(ReadOnlySpan<byte> payload);

    private readonly byte* _region;
    private readonly byte* _records;
    private readonly int _capacity;
    private readonly int _mask;

    // Our own copy of the head (only we write it).
    private long _head;

    // For byte-stream reads: how much of the record at the head has been handed out already.
    private int _consumedOfRecord;

    /// <param name="region">The ring's region, as for <see cref="RingProducer"/>.</param>
    /// <param name="capacity">The bytes available to records; a power of two.</param>
    public RingConsumer(byte* region, int capacity)
    {
        RingLayout.CheckCapacity(capacity);
        _region = region;
        _records = region + RingLayout.DescriptorLength;
        _capacity = capacity;
        _mask = capacity - 1;
        _head = Volatile.Read(ref Counter(RingLayout.HeadOffset));
    }

    /// <summary>True when the producer has published records not consumed yet.</summary>
    public bool HasRecords => Volatile.Read(ref Counter(RingLayout.TailOffset)) != _head;

    /// <summary>Wakes every thread sleeping in <see cref="RingWaiter"/> on this ring, so it looks at its reason to stop.</summary>
    public void WakeWaiters() => Native.Interop.FutexWakeShared(ParkedWord, int.MaxValue);

    /// <summary>The futex word this consumer sleeps on; see <see cref="RingWaiter"/>.</summary>
    internal int* ParkedWord => (int*)(_region + RingLayout.ConsumerParkedOffset);

    /// <summary>Hands up to <paramref name="limit"/> data records to <paramref name="handler"/>, in order.</summary>
    /// <returns>How many records were handed over.</returns>
    /// <exception cref="RingCorruptedException">The ring holds something no producer of ours writes.</exception>
    public int Read(RecordHandler handler, int limit = int.MaxValue)
    {
        var available = Available();
        var consumed = 0;
        var count = 0;
        while (consumed < available && count < limit)
        {
            var (index, payloadLength, type, recordLength) = RecordAt(consumed, available);
            if (type == RingLayout.DataType)
            {
                handler(new ReadOnlySpan<byte>(_records + index + RingLayout.RecordHeaderLength, payloadLength));
                count++;
            }

            consumed += recordLength;
        }

        Advance(consumed);
        return count;
    }

    /// <summary>Copies the next data record into <paramref name="destination"/>, keeping its boundary.</summary>
    /// <returns><c>false</c> when the ring holds no data record now.</returns>
    /// <exception cref="ArgumentException">The record does not fit; it stays in the ring.</exception>
    /// <exception cref="RingCorruptedException">The ring holds something no producer of ours writes.</exception>
    public bool TryRead(Span<byte> destination, out int length)
    {
        var available = Available();
        var consumed = 0;
        length = 0;
        var found = false;
        while (consumed < available && !found)
        {
            var (index, payloadLength, type, recordLength) = RecordAt(consumed, available);
            if (type == RingLayout.DataType)
            {
                if (payloadLength > destination.Length)
                {
                    Advance(consumed);
                    throw new ArgumentException($"the next record has {payloadLength} bytes; the destination holds {destination.Length}", nameof(destination));
                }

                new ReadOnlySpan<byte>(_records + index + RingLayout.RecordHeaderLength, payloadLength).CopyTo(destination);
                length = payloadLength;
                found = true;
            }

            consumed += recordLength;
        }

        Advance(consumed);
        return found;
    }

    /// <summary>
    /// Copies record payloads into <paramref name="destination"/> as one byte stream, splitting a
    /// record across calls where it does not fit: the records' boundaries are not kept.
    /// </summary>
    /// <returns>The bytes copied; 0 when the ring is empty.</returns>
    /// <exception cref="RingCorruptedException">The ring holds something no producer of ours writes.</exception>
    public int ReadBytes(Span<byte> destination)
    {
        var available = Available();
        var consumed = 0;
        var copied = 0;
        while (consumed < available && copied < destination.Length)
        {
            var (index, payloadLength, type, recordLength) = RecordAt(consumed, available);
            if (type == RingLayout.DataType)
            {
                var take = Math.Min(payloadLength - _consumedOfRecord, destination.Length - copied);
                new ReadOnlySpan<byte>(_records + index + RingLayout.RecordHeaderLength + _consumedOfRecord, take)
                    .CopyTo(destination[copied..]);
                copied += take;
                _consumedOfRecord += take;
                if (_consumedOfRecord < payloadLength)
                {
                    break;
                }
            }

            _consumedOfRecord = 0;
            consumed += recordLength;
        }

        Advance(consumed);
        return copied;
    }

    /// <summary>The bytes published and not consumed, checked to be within one ring.</summary>
    private int Available()
    {
        var tail = Volatile.Read(ref Counter(RingLayout.TailOffset));
        var available = unchecked(tail - _head);
        if ((ulong)available > (ulong)_capacity)
        {
            throw new RingCorruptedException($"the ring's tail {tail} is not within one capacity ({_capacity}) ahead of its head {_head}");
        }

        return (int)available;
    }

    private void Advance(int consumed)
    {
        _head = unchecked(_head + consumed);
        Volatile.Write(ref Counter(RingLayout.HeadOffset), _head);
    }

    private (int Index, int PayloadLength, int Type, int RecordLength) RecordAt(int offset, int available)
    {
        var position = unchecked(_head + offset);
        var index = (int)(position & _mask);
        var payloadLength = Unsafe.ReadUnaligned<int>(_records + index);
        var type = Unsafe.ReadUnaligned<int>(_records + index + 4);
        // The length is checked against the ring before any arithmetic on it can overflow.
        var recordLength = payloadLength is >= 0 and <= RingLayout.MaximumCapacity ? RingLayout.RecordLength(payloadLength) : int.MaxValue;
        if (recordLength > _capacity - index
            || recordLength > available - offset
            || type is not (RingLayout.DataType or RingLayout.PaddingType))
        {
            throw new RingCorruptedException(
                $"malformed record at position {position}: length={payloadLength}, type={type}, ring capacity={_capacity}");
        }

        return (index, payloadLength, type, recordLength);
    }

    private ref long Counter(int offset) => ref Unsafe.AsRef<long>(_region + offset);
}
