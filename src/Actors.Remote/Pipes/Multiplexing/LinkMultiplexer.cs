using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Akka.Event;

namespace Actors.Remote.Pipes.Multiplexing;

/// <summary>
/// Several independent byte streams (channels) over one link made of two one-way streams, such as an
/// anonymous pipe pair between a parent and its child.
/// </summary>
/// <remarks>
/// Akka.Remote wants a connection per association and either side may associate first; a pipe pair
/// is one connection for the life of the child. So each association becomes a channel: each side
/// opens channels with ids of its own parity (the parent even, the child odd), so both may open at
/// once without a clash, and a channel id is never reused. The end of the link (the peer process is
/// gone) ends every channel, which the association handles report as Disassociated.
/// </remarks>
internal sealed class LinkMultiplexer : IAsyncDisposable
{
    /// <summary>The largest payload of one Data record; longer writes are split.</summary>
    public const int MaximumChunkLength = 256 * 1024;

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Action<LinkChannelStream> _onChannelOpenedByPeer;
    private readonly ILoggingAdapter _log;
    private readonly string _description;

    // Serializes records on the output: each record leaves whole.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, LinkChannelStream> _channels = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The id of the next channel this side opens; steps by two to keep its parity.
    private int _nextChannel;

    /// <param name="input">The stream the peer writes to.</param>
    /// <param name="output">The stream the peer reads from.</param>
    /// <param name="opensEvenChannels">True on one side of the link, false on the other.</param>
    /// <param name="onChannelOpenedByPeer">Called on the reading loop for every channel the peer opens.</param>
    /// <param name="log">Akka's logger.</param>
    /// <param name="description">Names the link in log lines, e.g. "parent pid 42".</param>
    public LinkMultiplexer(
        Stream input,
        Stream output,
        bool opensEvenChannels,
        Action<LinkChannelStream> onChannelOpenedByPeer,
        ILoggingAdapter log,
        string description)
    {
        _input = input;
        _output = output;
        _nextChannel = opensEvenChannels ? 0 : 1;
        _onChannelOpenedByPeer = onChannelOpenedByPeer;
        _log = log;
        _description = description;
    }

    /// <summary>Completes when the link has ended: the peer closed it, died, or broke the protocol.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Starts reading the link.</summary>
    public void Start() => _ = Task.Run(ReadLoopAsync);

    /// <summary>Opens a new channel; the peer learns of it before any byte written on it.</summary>
    public async Task<LinkChannelStream> OpenChannelAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Add(ref _nextChannel, 2) - 2;
        var channel = new LinkChannelStream(this, id);
        _channels[id] = channel;
        try
        {
            await WriteRecordAsync(new LinkRecord(LinkRecordType.Open, id, 0), ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            return channel;
        }
        catch
        {
            _channels.TryRemove(id, out _);
            throw;
        }
    }

    /// <summary>Sends <paramref name="data"/> on <paramref name="channel"/>, split into records of at most <see cref="MaximumChunkLength"/>.</summary>
    internal async ValueTask WriteDataAsync(int channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < data.Length; offset += MaximumChunkLength)
        {
            var chunk = data.Slice(offset, Math.Min(MaximumChunkLength, data.Length - offset));
            await WriteRecordAsync(new LinkRecord(LinkRecordType.Data, channel, chunk.Length), chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>This side is done with <paramref name="channel"/>; tells the peer unless the link is gone.</summary>
    internal void CloseChannel(int channel)
    {
        if (!_channels.TryRemove(channel, out _) || _closing.IsCancellationRequested)
        {
            return;
        }

        _ = WriteRecordAsync(new LinkRecord(LinkRecordType.Close, channel, 0), ReadOnlyMemory<byte>.Empty, _closing.Token)
            .AsTask()
            .ContinueWith(
                t => _log.Debug("[{0}] could not send the close of channel {1}: {2}", _description, channel, t.Exception?.GetBaseException().Message),
                TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        EndEveryChannel();
        await _input.DisposeAsync().ConfigureAwait(false);
        await _output.DisposeAsync().ConfigureAwait(false);
        _completion.TrySetResult();
    }

    private async ValueTask WriteRecordAsync(LinkRecord record, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var length = LinkRecord.HeaderLength + payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            record.Encode(buffer);
            payload.Span.CopyTo(buffer.AsSpan(LinkRecord.HeaderLength));
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _output.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TryTakeRecord(ref buffer, out var record, out var payload))
                {
                    await DispatchAsync(record, payload).ConfigureAwait(false);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    _log.Info("[{0}] the link ended: the peer process closed it or is gone", _description);
                    return;
                }
            }
        }
        catch (Exception) when (_closing.IsCancellationRequested)
        {
            // Closed locally.
        }
        catch (Exception e)
        {
            _log.Error("[{0}] dropping the link: {1}", _description, e.Message);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            EndEveryChannel();
            _completion.TrySetResult();
        }
    }

    private static bool TryTakeRecord(ref ReadOnlySequence<byte> buffer, out LinkRecord record, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        var probe = buffer;
        if (!LinkRecord.TryDecode(ref probe, MaximumChunkLength, out record) || probe.Length < record.Length)
        {
            return false;
        }

        payload = probe.Slice(0, record.Length);
        buffer = probe.Slice(record.Length);
        return true;
    }

    private async ValueTask DispatchAsync(LinkRecord record, ReadOnlySequence<byte> payload)
    {
        switch (record.Type)
        {
            case LinkRecordType.Open when (record.Channel & 1) != (_nextChannel & 1) && !_channels.ContainsKey(record.Channel):
                var opened = new LinkChannelStream(this, record.Channel);
                _channels[record.Channel] = opened;
                _onChannelOpenedByPeer(opened);
                break;
            case LinkRecordType.Open:
                throw new IOException($"the peer opened channel {record.Channel}, which is not its to open or is open already");
            case LinkRecordType.Data when _channels.TryGetValue(record.Channel, out var channel):
                await channel.DeliverAsync(payload, _closing.Token).ConfigureAwait(false);
                break;
            case LinkRecordType.Data:
                // This side closed the channel while the peer was still sending: drop the bytes.
                break;
            case LinkRecordType.Close:
                if (_channels.TryRemove(record.Channel, out var closed))
                {
                    closed.CompleteInbound();
                }

                break;
        }
    }

    private void EndEveryChannel()
    {
        foreach (var id in _channels.Keys)
        {
            if (_channels.TryRemove(id, out var channel))
            {
                channel.CompleteInbound();
            }
        }
    }
}
