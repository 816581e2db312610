namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>An in-memory byte stream: reads return what was written, in order; a read of an empty stream returns 0 (its end).</summary>
internal sealed class LoopbackStream : Stream
{
    private readonly Queue<byte> _bytes = new();

    /// <summary>Bytes written and not read yet.</summary>
    public int Available => _bytes.Count;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = 0;
        while (read < count && _bytes.TryDequeue(out var b))
        {
            buffer[offset + read++] = b;
        }

        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var b in buffer)
        {
            _bytes.Enqueue(b);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
