using System.Diagnostics;
using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>
/// The sending end of a lane over a stream connection: writers append frames to a <see cref="StreamRecordSink"/>,
/// and one thread at a time holds the turn to write them to the connection. A record sent while the lane was
/// quiet leaves on the sending thread itself, with one non-blocking send; otherwise the flusher task writes
/// each batch that gathered while the previous one was being written.
/// </summary>
/// <remarks>
/// <para>
/// The turn (<see cref="_writing"/>) makes the connection's bytes the sink's records in order: only its holder
/// takes a batch, and it gives the turn back only once the batch has left. A sending thread takes the turn only
/// when it is free and writes without waiting (<see cref="LaneSocketWriter"/>): it runs under the lane's lock, so
/// what the socket does not take at once is handed over to the flusher, which keeps the turn until it has
/// written the rest. So an idle round trip costs no thread hop on the sending side, and a busy lane still
/// writes many records per system call. Connections that are not sockets (TLS, pipes) always use the flusher.
/// </para>
/// <para>
/// When the hellos agreed on it, the turn is first held until the peer's one release byte says the lane's barrier
/// arrived, so no record waits unread on its side (over apipe such records would stop the link's other channels).
/// Apart from that byte the peer never writes on a lane connection after the rendezvous: a read that ends (EOF or an error)
/// means the peer closed the lane or its process is gone, and the lane ends. So does a failed write.
/// On <see cref="Dispose"/> what was written is flushed for at most <see cref="FinalFlushTimeout"/>.
/// </para>
/// </remarks>
internal sealed class StreamLaneSender : ILaneSendingLink
{
    /// <summary>
    /// A flush this long after the one before finds the lane quiet, so its record is written on the sending
    /// thread; closer flushes belong to a burst, which the flusher batches. Round trips are tens of
    /// microseconds apart, records of a burst well under one.
    /// </summary>
    internal static readonly TimeSpan DefaultQuietBeforeDirectWrite = TimeSpan.FromMicroseconds(20);

    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(1);

    private readonly Stream _connection;
    private readonly StreamRecordSink _sink;
    private readonly Action<string> _ended;
    private readonly ILoggingAdapter _log;

    // Null when the connection is not a socket: then only the flusher writes.
    private readonly LaneSocketWriter? _direct;

    // Stopwatch ticks between two flushes above which the second one writes directly.
    private readonly long _quietTicks;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stopping = new();
    private Task _flusher = Task.CompletedTask;

    // 1 while a thread (a sender or the flusher) holds the turn to take a batch and write it.
    private int _writing;

    // 1 until the peer's release byte has come, when the lane waits for it; the turn is held for it meanwhile.
    private int _awaitingRelease;

    // What a sending thread's write left over, with the turn, for the flusher; valid while _handedOver is 1.
    private ReadOnlyMemory<byte> _rest;
    private int _handedOver;

    // Stopwatch timestamp of the last Flush.
    private long _lastFlush;
    private int _signalled;
    private int _failed;
    private int _over;

    /// <summary>A sender on <paramref name="connection"/>; with <paramref name="awaitsRelease"/> (both hellos carried <see cref="Handshake.TransportHello.ReleaseAckFlag"/>) it writes nothing before the peer's release byte.</summary>
    public StreamLaneSender(Stream connection, string name, string transportTag, StreamRecordSink sink, Action<string> ended, ILoggingAdapter log, bool awaitsRelease = false)
        : this(connection, name, transportTag, sink, ended, log, DefaultQuietBeforeDirectWrite, awaitsRelease)
    {
    }

    /// <summary>
    /// A sender whose records leave on their sending thread when a flush comes <paramref name="quietBeforeDirectWrite"/>
    /// after the one before (zero: whenever the turn is free; <see cref="Timeout.InfiniteTimeSpan"/>: never).
    /// </summary>
    internal StreamLaneSender(Stream connection, string name, string transportTag, StreamRecordSink sink, Action<string> ended, ILoggingAdapter log, TimeSpan quietBeforeDirectWrite, bool awaitsRelease = false)
    {
        // Until the release byte comes, the turn is held for it: records gather in the sink (and behind it), none is written.
        _writing = awaitsRelease ? 1 : 0;
        _awaitingRelease = awaitsRelease ? 1 : 0;
        _connection = connection;
        _sink = sink;
        _ended = ended;
        _log = log;
        _direct = quietBeforeDirectWrite == Timeout.InfiniteTimeSpan ? null : LaneSocketWriter.For(connection);
        _quietTicks = (long)(quietBeforeDirectWrite.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
        Name = name;
        TransportTag = transportTag;
    }

    public string Name { get; }

    public string TransportTag { get; }

    public ILaneRecordSink Records => _sink;

    public bool TryEnter() => Volatile.Read(ref _over) == 0;

    public void Exit()
    {
        // Nothing is mapped: the buffers are ordinary memory.
    }

    public void Flush()
    {
        var now = Stopwatch.GetTimestamp();
        var quiet = now - Interlocked.Exchange(ref _lastFlush, now) >= _quietTicks;
        if (quiet && _direct is not null && TryTakeTurn())
        {
            WriteOnThisThread(_direct);
            return;
        }

        Wake();
    }

    public void Start()
    {
        _flusher = Task.Run(FlushLoopAsync);
        _ = Task.Run(WatchForEndAsync);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _over, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            // The flusher writes what is left, then stops.
            _flusher.Wait(FinalFlushTimeout);
        }
        catch (AggregateException)
        {
            // Its failure was reported when it happened.
        }

        _connection.Dispose();
    }

    private bool TryTakeTurn() => Interlocked.CompareExchange(ref _writing, 1, 0) == 0;

    /// <summary>Gives the turn back, then wakes the flusher for what was appended meanwhile (its writer saw the turn taken).</summary>
    private void GiveTurnBack()
    {
        // A full fence: the look at the sink below is not moved before the release.
        Interlocked.Exchange(ref _writing, 0);
        if (_sink.HasPending)
        {
            Wake();
        }
    }

    private void Wake()
    {
        // One wake per batch, not per message: the flusher clears the flag before it looks at the work
        // (a spare wake while it stops costs one empty look, so the count is not bounded).
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>With the turn held: writes what the socket takes now, and hands the rest with the turn to the flusher.</summary>
    private void WriteOnThisThread(LaneSocketWriter direct)
    {
        var batch = _sink.Take();
        int sent;
        try
        {
            sent = batch.IsEmpty ? 0 : direct.SendWithoutWaiting(batch.Span);
        }
        catch (IOException e)
        {
            // The turn stays taken: nothing more is written on this connection.
            Volatile.Write(ref _failed, 1);
            End($"writing to the lane connection failed: {e.Message}");
            return;
        }

        if (sent == batch.Length)
        {
            _sink.Written();
            GiveTurnBack();
            return;
        }

        // The socket is full: the flusher waits for room, without the lane's lock held.
        _rest = batch[sent..];
        Volatile.Write(ref _handedOver, 1);
        Wake();
    }

    private async Task FlushLoopAsync()
    {
        try
        {
            while (true)
            {
                var stopping = _stopping.IsCancellationRequested;
                if (!stopping)
                {
                    try
                    {
                        await _wake.WaitAsync(_stopping.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        stopping = true;
                    }
                }

                Volatile.Write(ref _signalled, 0);
                if (Volatile.Read(ref _failed) != 0)
                {
                    return;
                }

                if (Volatile.Read(ref _handedOver) != 0)
                {
                    // A sending thread gave this task the turn with the rest of its batch.
                    var rest = _rest;
                    _rest = default;
                    Volatile.Write(ref _handedOver, 0);
                    await WriteAsync(rest).ConfigureAwait(false);
                    _sink.Written();
                    GiveTurnBack();
                }
                else if (TryTakeTurn())
                {
                    await WriteAsync(_sink.Take()).ConfigureAwait(false);
                    _sink.Written();
                    GiveTurnBack();
                }
                else if (stopping && Volatile.Read(ref _awaitingRelease) != 0)
                {
                    // Never released: nothing may be written, so nothing is left to flush.
                    return;
                }
                else if (stopping)
                {
                    // A sending thread holds the turn; its write does not wait, so it gives the turn back (or over) soon.
                    await Task.Yield();
                    continue;
                }

                if (stopping && !_sink.HasPending && Volatile.Read(ref _writing) == 0)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            Volatile.Write(ref _failed, 1);
            End($"writing to the lane connection failed: {e.Message}");
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> batch)
    {
        if (!batch.IsEmpty)
        {
            await _connection.WriteAsync(batch).ConfigureAwait(false);
            await _connection.FlushAsync().ConfigureAwait(false);
        }
    }

    private async Task WatchForEndAsync()
    {
        var probe = new byte[1];
        string reason;
        try
        {
            var read = await _connection.ReadAsync(probe, _stopping.Token).ConfigureAwait(false);
            if (read == 1 && probe[0] == LaneFrames.ReleaseByte[0] && Interlocked.Exchange(ref _awaitingRelease, 0) == 1)
            {
                // The peer's barrier arrived: the records gathered meanwhile may go, and the peer writes nothing more.
                GiveTurnBack();
                read = await _connection.ReadAsync(probe, _stopping.Token).ConfigureAwait(false);
            }

            reason = read == 0 ? "the peer closed the lane connection" : "the peer wrote on a lane connection, which only this side writes";
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            reason = $"the lane connection failed: {e.Message}";
        }

        End(reason);
    }

    private void End(string reason)
    {
        if (Volatile.Read(ref _over) != 0)
        {
            return;
        }

        if (_log.IsDebugEnabled)
        {
            _log.Debug("fast lane connection {0} ended: {1}", Name, reason);
        }

        // Not on the flusher's own thread: ending the lane disposes this link, which waits for the flusher.
        _ = Task.Run(() => _ended(reason));
    }
}
