using System.Buffers;
using System.IO.Pipelines;

namespace Actors.Remote.Pipes.Multiplexing;

/// <summary>
/// One channel of a <see cref="LinkMultiplexer"/> as a duplex stream: what the peer sends on the
/// channel is read here, and what is written here goes to the peer on the channel.
/// </summary>
internal sealed class LinkChannelStream : Stream
{
    // Bytes received for this channel wait here; a slow reader pauses the link's reading loop
    // (back-pressure) instead of buffering without bound.
    private static readonly PipeOptions s_inboundOptions = new(
        pauseWriterThreshold: 1024 * 1024,
        resumeWriterThreshold: 512 * 1024,
        useSynchronizationContext: false);

    private readonly LinkMultiplexer _link;
    private readonly Pipe _inbound = new(s_inboundOptions);
    private readonly Stream _reader;
    private int _disposed;

    public LinkChannelStream(LinkMultiplexer link, int channel)
    {
        _link = link;
        Channel = channel;
        _reader = _inbound.Reader.AsStream();
    }

    /// <summary>The link this channel runs on.</summary>
    public LinkMultiplexer Link => _link;

    /// <summary>The channel id on the link.</summary>
    public int Channel { get; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Hands bytes the peer sent on this channel to the reader; waits while the reader is far behind.</summary>
    internal async ValueTask DeliverAsync(ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            // Closed on this side while the peer was still sending: nobody will read these bytes.
            return;
        }

        foreach (var segment in payload)
        {
            _inbound.Writer.Write(segment.Span);
        }

        await _inbound.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The peer closed the channel, or the link ended: the reader sees end of stream after what is buffered.</summary>
    internal void CompleteInbound() => _inbound.Writer.Complete();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(LinkChannelStream));
        }

        var pending = _reader.ReadAsync(buffer, cancellationToken);
        return pending.IsCompletedSuccessfully ? pending : ReadOrDisposedAsync(pending);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _disposed) == 0
            ? _link.WriteDataAsync(Channel, buffer, cancellationToken)
            : throw new ObjectDisposedException(nameof(LinkChannelStream));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// A read that disposing this side ended: the pipe's pending read was cancelled and its reader completed under it,
    /// which the pipe reports as <see cref="OperationCanceledException"/> or <see cref="InvalidOperationException"/>; a
    /// stream reports <see cref="ObjectDisposedException"/>, as a socket closed under a read does, and the lane's reading
    /// thread takes that as the connection's end.
    /// </summary>
    private async ValueTask<int> ReadOrDisposedAsync(ValueTask<int> pending)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException && Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(LinkChannelStream), e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _link.CloseChannel(Channel);

            // Only the reading end: the link's loop may be delivering into the writing end right now,
            // and a completed reader makes its flush return at once instead of failing. A read waiting
            // for bytes is woken first: completing the reader alone leaves it waiting for the peer.
            _inbound.Reader.CancelPendingRead();
            _inbound.Reader.Complete();
        }

        base.Dispose(disposing);
    }
}
