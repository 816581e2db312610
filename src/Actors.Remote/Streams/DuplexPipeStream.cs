using System.Buffers;

namespace Actors.Remote.Streams;

/// <summary>
/// One duplex stream made of two one-way streams, such as the two ends of a pipe pair or a FIFO pair:
/// reads go to the read stream, writes to the write stream, and disposing disposes both.
/// </summary>
/// <remarks>
/// Reads and writes may run at the same time (one reader, one writer), as they do on a socket.
/// Blocking reads and writes wait on asynchronous ones: a FIFO's ends are opened non-blocking (an open must
/// not wait for its peer), and .NET refuses a blocking call on such a pipe once an asynchronous one has run
/// ("Cannot block a call on this socket while an earlier asynchronous call is in progress"), while a stream
/// lane's threads read and write blocking after the hello ran asynchronously.
/// </remarks>
internal sealed class DuplexPipeStream : Stream
{
    private readonly Stream _readStream;
    private readonly Stream _writeStream;

    // Disposed after the first read that returns bytes; null once done.
    private IDisposable? _releaseAfterFirstRead;

    private int _disposed;

    /// <param name="readStream">The stream reads come from; owned from now on.</param>
    /// <param name="writeStream">The stream writes go to; owned from now on.</param>
    /// <param name="releaseAfterFirstRead">
    /// Disposed once the first bytes have been read, or with the stream. A FIFO's read end passes a
    /// placeholder writer here: until the peer has opened its write end, a read would otherwise
    /// report end-of-stream at once.
    /// </param>
    public DuplexPipeStream(Stream readStream, Stream writeStream, IDisposable? releaseAfterFirstRead = null)
    {
        _readStream = readStream;
        _writeStream = writeStream;
        _releaseAfterFirstRead = releaseAfterFirstRead;
    }

    /// <summary>The stream reads come from (a FIFO's read end, say), for what the kernel can tell about it.</summary>
    public Stream ReadStream => _readStream;

    public override bool CanRead => Volatile.Read(ref _disposed) == 0;

    public override bool CanWrite => Volatile.Read(ref _disposed) == 0;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("a pipe has no length");

    public override long Position
    {
        get => throw new NotSupportedException("a pipe has no position");
        set => throw new NotSupportedException("a pipe has no position");
    }

    public override int Read(byte[] buffer, int offset, int count) => AfterRead(Wait(_readStream.ReadAsync(buffer.AsMemory(offset, count))));

    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        AfterRead(await _readStream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Write(byte[] buffer, int offset, int count) => Wait(_writeStream.WriteAsync(buffer.AsMemory(offset, count)));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(rented);
            Write(rented, 0, buffer.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _writeStream.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _writeStream.WriteAsync(buffer, cancellationToken);

    public override void Flush() => _writeStream.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _writeStream.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a pipe cannot seek");

    public override void SetLength(long value) => throw new NotSupportedException("a pipe has no length");

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                _readStream.Dispose();
            }
            finally
            {
                try
                {
                    _writeStream.Dispose();
                }
                finally
                {
                    Interlocked.Exchange(ref _releaseAfterFirstRead, null)?.Dispose();
                }
            }
        }

        base.Dispose(disposing);
    }

    private static int Wait(ValueTask<int> pending) => pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    private int AfterRead(int read)
    {
        if (read > 0 && Volatile.Read(ref _releaseAfterFirstRead) is not null)
        {
            Interlocked.Exchange(ref _releaseAfterFirstRead, null)?.Dispose();
        }

        return read;
    }
}
