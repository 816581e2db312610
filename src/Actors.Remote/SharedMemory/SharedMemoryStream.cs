using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// A duplex byte stream over a <see cref="SharedSegment"/>: writes go into the ring this side
/// produces, reads come from the ring the peer produces. The association's control socket stays
/// open beside it and carries one piece of news only: its end means the peer is gone.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Reading: when the ring is empty a dedicated thread waits for records by the configured
/// <see cref="WaitStrategy"/> and resumes the reader on itself, so the association's read loop runs on
/// that thread without a hop.</item>
/// <item>Writing: a write larger than one record is split into records (the stream does not keep
/// write boundaries). A full ring is waited out here, on the association's sending loop, never on an
/// Akka thread: Akka's <c>Write</c> only fills the association's outbound buffer.</item>
/// <item>Death: the end of the control socket (the peer process exited, even by SIGKILL) or a peer
/// heartbeat that stood still for stale-peer-timeout ends the stream: what the peer wrote before is
/// read to the end, then the stream reports end of stream (or an error for a stale peer).</item>
/// </list>
/// </remarks>
internal sealed class SharedMemoryStream : Stream
{
    private static readonly TimeSpan FullRingPause = TimeSpan.FromMilliseconds(1);
    private const int FullRingSpins = 100;

    private readonly SharedMemoryLink _link;
    private readonly SharedSegment _segment;
    private readonly RingWaiter _waiter;
    private readonly ReadSignal _readSignal = new();
    private readonly ManualResetEventSlim _readRequested = new(false, spinCount: 0);
    private readonly Thread _waitingThread;
    private readonly string _description;

    private readonly Func<bool> _hasEnded;
    private int _disposed;

    // 1 while a read waits for the waiting thread to signal it.
    private int _readPending;

    public SharedMemoryStream(SharedSegment segment, Socket control, SharedMemorySettings settings, string description)
    {
        _segment = segment;
        _description = description;
        // The link's end wakes a read that waits for the waiting thread.
        _link = new SharedMemoryLink(segment, control, settings, _ => _readRequested.Set());
        _hasEnded = () => _link.HasEnded;
        _waiter = new RingWaiter(segment.Inbound, settings.WaitStrategy, settings.ParkTimeout);
        _waitingThread = new Thread(WaitLoop) { IsBackground = true, Name = $"shm-reader {description}" };
        _waitingThread.Start();
        _link.Start();
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Look at the end before the ring: whatever the peer wrote before it ended is then
            // already visible and is read to the last byte before we report the end.
            var end = _link.End;
            var read = ReadAvailable(buffer.Span);
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            if (end is not null)
            {
                return end.IsError ? throw new IOException($"{_description} {end.Reason}") : 0;
            }

            var signal = _readSignal.Arm();
            Volatile.Write(ref _readPending, 1);
            _readRequested.Set();
            await signal.ConfigureAwait(false);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var maximum = _segment.Outbound.MaximumPayload;
        var spins = 0;
        while (!buffer.IsEmpty)
        {
            ThrowIfEnded();
            var chunk = buffer[..Math.Min(maximum, buffer.Length)];
            if (TryWrite(chunk.Span))
            {
                buffer = buffer[chunk.Length..];
                spins = 0;
                continue;
            }

            // The ring is full: make sure the reader is awake to drain it, then wait for room,
            // briefly on the core, then in 1 ms naps so an idle-but-full ring costs no CPU.
            _link.WakePeer();
            if (++spins < FullRingSpins)
            {
                Thread.Yield();
            }
            else
            {
                await Task.Delay(FullRingPause, cancellationToken).ConfigureAwait(false);
            }
        }

        _link.WakePeer();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _link.Dispose();
            _readRequested.Set();
        }

        base.Dispose(disposing);
    }

    private int ReadAvailable(Span<byte> destination)
    {
        using var lease = _segment.Lease();
        return lease.IsHeld ? _segment.Inbound.ReadBytes(destination) : 0;
    }

    private bool TryWrite(ReadOnlySpan<byte> chunk)
    {
        using var lease = _segment.Lease();
        return lease.IsHeld ? _segment.Outbound.TryWrite(chunk) : throw new ObjectDisposedException(_description);
    }

    private void ThrowIfEnded()
    {
        if (_link.End is { } end)
        {
            throw new IOException($"{_description} {end.Reason}");
        }
    }

    /// <summary>The waiting thread: each round waits for a read to ask, then for records or the end.</summary>
    private void WaitLoop()
    {
        while (Volatile.Read(ref _disposed) == 0)
        {
            _readRequested.Wait();
            _readRequested.Reset();
            if (Interlocked.Exchange(ref _readPending, 0) == 0)
            {
                continue;
            }

            using (var lease = _segment.Lease())
            {
                if (lease.IsHeld)
                {
                    _waiter.WaitForRecords(_hasEnded);
                }
            }

            // Resumes the reader here; it asks again (setting _readRequested) before this returns.
            _readSignal.Signal();
        }
    }
}
