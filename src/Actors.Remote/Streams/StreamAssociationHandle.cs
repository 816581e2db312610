using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Diagnostics;
using Actors.Remote.Diagnostics;
using Actors.Remote.Framing;
using Akka.Actor;
using Akka.Event;
using Akka.Remote.Transport;
using Google.Protobuf;

namespace Actors.Remote.Streams;

/// <summary>
/// One association over any duplex byte stream: TCP, Unix-domain sockets, pipes, FIFOs.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Write"/> MUST NOT block (Akka calls it on a dispatcher thread): it copies the
/// frame into a bounded <see cref="OutboundBuffer"/> and answers <c>false</c> when that is full,
/// so Akka's endpoint writer backs off and retries (buffering, above us, without bound). With
/// <c>outbound-buffer-limit</c> set it answers <c>true</c> instead and drops the frame
/// (<see cref="OutboundOverflow"/>), so nothing grows past the limit.</item>
/// <item>A sending loop writes every frame queued since its last write in one call.</item>
/// <item>A reading loop starts only once Akka has set the read handler (until then the OS buffers),
/// decodes frames in order and hands each to the handler as a freshly owned buffer.</item>
/// <item>End of stream, a reset or a malformed frame closes the association and reports
/// <see cref="Disassociated"/> once, at once.</item>
/// </list>
/// </remarks>
internal sealed class StreamAssociationHandle : AssociationHandle
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly StreamTransportSettings _settings;
    private readonly ILoggingAdapter _log;
    private readonly OutboundBuffer _outbound;

    // Set when outbound-buffer-limit is on: a frame that does not fit is dropped here instead of refused.
    private readonly OutboundOverflow? _overflow;

    // Released when the sending loop has frames to take or the handle is closing.
    private readonly SemaphoreSlim _sendSignal = new(0);

    // Cancelled when the handle closes; stops both loops.
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // 0 while open, 1 once closed; set by exactly one caller of Close.
    private int _closedFlag;

    // The tags of this association's measurements (system, transport, path=classic), built once.
    private readonly KeyValuePair<string, object?>[] _metricTags;

    internal StreamAssociationHandle(
        Address localAddress,
        Address remoteAddress,
        Stream stream,
        int peerProcessId,
        StreamTransportSettings settings,
        ILoggingAdapter log)
        : base(localAddress, remoteAddress)
    {
        _stream = stream;
        _settings = settings;
        _log = log;
        _outbound = new OutboundBuffer(settings.OutboundCapacity);
        _overflow = settings.OutboundBufferLimit is { } limit ? new OutboundOverflow(limit, Description, log) : null;
        PeerProcessId = peerProcessId;
        _metricTags = MetricTags.For(localAddress.System, localAddress.Protocol, MetricTags.Classic);
    }

    /// <summary>The peer's process id, as its hello gave it.</summary>
    public int PeerProcessId { get; }

    /// <summary>How many writes were refused because the outbound buffer was full.</summary>
    public long RefusedWriteCount => _outbound.RefusedCount;

    /// <summary>How many messages were dropped because the outbound buffer was full and <c>outbound-buffer-limit</c> is set.</summary>
    public long DroppedWriteCount => _overflow?.DroppedFrames ?? 0;

    /// <summary>Completes when the handle has closed, for whatever reason.</summary>
    public Task Closed => _closed.Task;

    /// <summary>When the handle closed (<see cref="Stopwatch.GetTimestamp"/>); 0 while open.</summary>
    internal long ClosedAtTimestamp { get; private set; }

    private string Description => $"[{LocalAddress}->{RemoteAddress}]";

    /// <summary>This association as <see cref="ActorsRemoting.Associations"/> lists it, with Akka's addresses (<c>akka.uds://...</c>).</summary>
    internal AssociationInfo Describe(bool outbound)
    {
        var akkaProtocol = $"akka.{LocalAddress.Protocol}";
        return new AssociationInfo(
            LocalAddress.WithProtocol(akkaProtocol), RemoteAddress.WithProtocol(akkaProtocol), LocalAddress.Protocol, MetricTags.Classic, outbound, DateTimeOffset.UtcNow);
    }

    /// <summary>Starts the reading and sending loops.</summary>
    internal void Start()
    {
        _ = Task.Run(SendLoopAsync);
        _ = Task.Run(ReadLoopAsync);
    }

    /// <inheritdoc />
    public override bool Write(ByteString payload)
    {
        if (payload.Length > _settings.MaximumFrameSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(payload),
                $"{Description} frame exceeds maximum-frame-size: length={payload.Length}, maximum-frame-size={_settings.MaximumFrameSize}");
        }

        if (!_outbound.TryEnqueue(payload.Span, out var wakeSender))
        {
            // With a limit: accepted and dropped, so Akka's endpoint writer never buffers above us.
            // A closing association still refuses: its frames are not overflow.
            if (_overflow is null || _outbound.IsCompleted)
            {
                // A closing association's refusal is no wait: nothing will make room.
                if (RemoteMetrics.BackPressureWaits.Enabled && !_outbound.IsCompleted)
                {
                    RemoteMetrics.BackPressureWaits.Add(1, _metricTags);
                }

                return false;
            }

            _overflow.Drop(payload.Length);
            RemoteMetrics.OutboundDrops.Add(1, _metricTags);
            return true;
        }

        RemoteMetrics.MessagesSent.Add(1, _metricTags);
        RemoteMetrics.BytesSent.Add(payload.Length, _metricTags);

        if (wakeSender)
        {
            _sendSignal.Release();
        }

        return true;
    }

#pragma warning disable CS0672 // Akka still calls the obsolete overload; it is the one to implement.
    /// <summary>Sends what is queued (for at most flush-timeout), then closes. Safe to call many times.</summary>
    public override void Disassociate()
#pragma warning restore CS0672
    {
        if (!_outbound.Complete())
        {
            return;
        }

        _sendSignal.Release();
        _closing.CancelAfter(_settings.FlushTimeout);
    }

    /// <summary>Closes at once without sending what is queued; reports nothing to Akka.</summary>
    internal void Abort() => Close(DisassociateInfo.Shutdown, notify: false);

    private async Task SendLoopAsync()
    {
        try
        {
            while (true)
            {
                await _sendSignal.WaitAsync(_closing.Token).ConfigureAwait(false);
                for (var batch = _outbound.TakeBatch(); !batch.IsEmpty; batch = _outbound.TakeBatch())
                {
                    await _stream.WriteAsync(batch, _closing.Token).ConfigureAwait(false);
                }

                if (_outbound.IsCompletedAndEmpty)
                {
                    _log.Debug("{0} disassociated locally; everything queued was sent", Description);
                    Close(DisassociateInfo.Shutdown, notify: false);
                    return;
                }
            }
        }
        catch (Exception e)
        {
            OnLoopFailed(e, "sending");
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, leaveOpen: true));
        try
        {
            var listener = await ReadHandlerSource.Task.WaitAsync(_closing.Token).ConfigureAwait(false);
            while (true)
            {
                var result = await reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                long frames = 0, bytes = 0;
                while (FrameCodec.TryDecode(ref buffer, _settings.MaximumFrameSize, out var frame))
                {
                    // A fresh array per frame: Akka decodes the payload later, on another thread.
                    listener.Notify(new InboundPayload(UnsafeByteOperations.UnsafeWrap(frame.ToArray())));
                    frames++;
                    bytes += frame.Length;
                }

                // Counted once per read, not per frame.
                if (frames > 0)
                {
                    RemoteMetrics.MessagesReceived.Add(frames, _metricTags);
                    RemoteMetrics.BytesReceived.Add(bytes, _metricTags);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw FrameDecodingException.Truncated(buffer.Length);
                    }

                    _log.Info("{0} the peer closed the connection", Description);
                    Close(DisassociateInfo.Unknown, notify: true);
                    return;
                }
            }
        }
        catch (FrameDecodingException e)
        {
            _log.Error("{0} dropping the association: {1}", Description, e.Message);
            Close(DisassociateInfo.Unknown, notify: true);
        }
        catch (Exception e)
        {
            OnLoopFailed(e, "reading");
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A loop stopped on an exception: a lost connection (or our own closing) is news, anything else
    /// a fault; either way the association is over and Akka hears of it once.
    /// </summary>
    private void OnLoopFailed(Exception e, string activity)
    {
        if (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            if (Volatile.Read(ref _closedFlag) == 0)
            {
                _log.Info("{0} connection lost while {1}: {2}", Description, activity, e.Message);
            }
        }
        else
        {
            _log.Error(e, "{0} {1} failed; dropping the association", Description, activity);
        }

        Close(DisassociateInfo.Unknown, notify: true);
    }

    private void Close(DisassociateInfo info, bool notify)
    {
        if (Interlocked.Exchange(ref _closedFlag, 1) == 1)
        {
            return;
        }

        ClosedAtTimestamp = Stopwatch.GetTimestamp();

        _outbound.Complete();
        _closing.Cancel();
        try
        {
            _stream.Dispose();
        }
        catch (Exception e)
        {
            _log.Debug("{0} error while closing the stream: {1}", Description, e.Message);
        }

        if (notify)
        {
            // If Akka has not set its read handler yet, it learns of the loss as soon as it does.
            ReadHandlerSource.Task.ContinueWith(
                static (task, state) => task.Result.Notify((Disassociated)state!),
                new Disassociated(info),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        _closed.TrySetResult();
    }
}
