using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>
/// The sending end of a lane over a stream connection: writers append frames to a <see cref="StreamRecordSink"/>,
/// and one flusher task writes each batch that gathered while the previous one was being written.
/// </summary>
/// <remarks>
/// The peer never writes on a lane connection after the rendezvous: a read that ends (EOF or an error)
/// means the peer closed the lane or its process is gone, and the lane ends. So does a failed write.
/// On <see cref="Dispose"/> what was written is flushed for at most <see cref="FinalFlushTimeout"/>.
/// </remarks>
internal sealed class StreamLaneSender : ILaneSendingLink
{
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(1);

    private readonly Stream _connection;
    private readonly StreamRecordSink _sink;
    private readonly Action<string> _ended;
    private readonly ILoggingAdapter _log;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stopping = new();
    private Task _flusher = Task.CompletedTask;
    private int _signalled;
    private int _over;

    public StreamLaneSender(Stream connection, string name, string transportTag, StreamRecordSink sink, Action<string> ended, ILoggingAdapter log)
    {
        _connection = connection;
        _sink = sink;
        _ended = ended;
        _log = log;
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
        // One wake per batch, not per message: the flusher clears the flag before it takes the batch
        // (a spare wake while it stops costs one empty look, so the count is not bounded).
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _wake.Release();
        }
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
                var batch = _sink.Take();
                if (!batch.IsEmpty)
                {
                    await _connection.WriteAsync(batch).ConfigureAwait(false);
                    await _connection.FlushAsync().ConfigureAwait(false);
                    _sink.Written();
                }

                if (stopping && !_sink.HasPending)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            End($"writing to the lane connection failed: {e.Message}");
        }
    }

    private async Task WatchForEndAsync()
    {
        var probe = new byte[1];
        string reason;
        try
        {
            var read = await _connection.ReadAsync(probe, _stopping.Token).ConfigureAwait(false);
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
