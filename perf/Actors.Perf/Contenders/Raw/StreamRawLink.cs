using System.Buffers.Binary;

namespace Actors.Perf.Contenders.Raw;

/// <summary>
/// A raw link over byte streams: each frame is a 4-byte little-endian length and the bytes, written
/// through a buffer that goes out on flush or when full (as a careful hand-written sender would).
/// </summary>
public sealed class StreamRawLink(Stream readStream, Stream writeStream) : IRawLink
{
    private const int HeaderLength = 4;
    private const int BufferSize = 64 * 1024;

    private readonly byte[] _writeBuffer = new byte[BufferSize];
    private int _written;

    private byte[] _readBuffer = new byte[BufferSize];
    private int _readStart;
    private int _readEnd;

    public StreamRawLink(Stream duplex) : this(duplex, duplex)
    {
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (_written + HeaderLength + frame.Length > _writeBuffer.Length)
        {
            await FlushAsync(cancellationToken);
        }

        BinaryPrimitives.WriteInt32LittleEndian(_writeBuffer.AsSpan(_written), frame.Length);
        _written += HeaderLength;
        if (HeaderLength + frame.Length > _writeBuffer.Length)
        {
            // Too big to buffer: the header goes out with what is queued, the frame straight after.
            await FlushAsync(cancellationToken);
            await writeStream.WriteAsync(frame, cancellationToken);
            return;
        }

        frame.CopyTo(_writeBuffer.AsMemory(_written));
        _written += frame.Length;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_written > 0)
        {
            await writeStream.WriteAsync(_writeBuffer.AsMemory(0, _written), cancellationToken);
            _written = 0;
        }
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(HeaderLength, cancellationToken))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_readBuffer.AsSpan(_readStart));
        if (length < 0 || !await FillAsync(HeaderLength + length, cancellationToken))
        {
            throw new InvalidDataException($"the link ended inside a frame: length={length}");
        }

        var frame = _readBuffer.AsMemory(_readStart + HeaderLength, length);
        _readStart += HeaderLength + length;
        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        await readStream.DisposeAsync();
        if (!ReferenceEquals(readStream, writeStream))
        {
            await writeStream.DisposeAsync();
        }
    }

    // Makes at least `count` unread bytes available; false at a clean end of the stream.
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_readEnd - _readStart >= count)
        {
            return true;
        }

        if (_readStart == _readEnd)
        {
            (_readStart, _readEnd) = (0, 0);
        }

        if (count > _readBuffer.Length)
        {
            var larger = new byte[Math.Max(count, _readBuffer.Length * 2)];
            _readBuffer.AsSpan(_readStart, _readEnd - _readStart).CopyTo(larger);
            (_readBuffer, _readEnd, _readStart) = (larger, _readEnd - _readStart, 0);
        }
        else if (_readStart + count > _readBuffer.Length)
        {
            _readBuffer.AsSpan(_readStart, _readEnd - _readStart).CopyTo(_readBuffer);
            (_readEnd, _readStart) = (_readEnd - _readStart, 0);
        }

        while (_readEnd - _readStart < count)
        {
            var read = await readStream.ReadAsync(_readBuffer.AsMemory(_readEnd), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            _readEnd += read;
        }

        return true;
    }
}
