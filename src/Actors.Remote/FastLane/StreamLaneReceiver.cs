using Actors.Remote.SharedMemory;

namespace Actors.Remote.FastLane;

/// <summary>
/// The receiving end of a lane over a stream connection: its reading thread fills a buffer from the
/// connection with blocking reads and cuts it into records (<see cref="LaneFrames"/>).
/// </summary>
/// <remarks>
/// A frame whose length is out of range throws <see cref="LaneProtocolException"/>, and the lane closes
/// its connection: nothing after it can be trusted. The buffer holds one largest frame, so a peer can
/// make this side hold no more than that, whatever it sends.
/// </remarks>
internal sealed class StreamLaneReceiver : ILaneReceivingLink
{
    private readonly Stream _connection;
    private readonly int _maximumRecordLength;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private volatile bool _over;

    /// <param name="connection">The lane connection, after its rendezvous.</param>
    /// <param name="name">The lane's name, as the barrier names it.</param>
    /// <param name="transportTag">The stream transport's scheme, for the lane's measurements.</param>
    /// <param name="maximumRecordLength">The largest record this side takes.</param>
    /// <param name="bufferLength">Bytes read at most per call; raised to one largest frame.</param>
    public StreamLaneReceiver(Stream connection, string name, string transportTag, int maximumRecordLength, int bufferLength)
    {
        _connection = connection;
        _maximumRecordLength = maximumRecordLength;
        _buffer = new byte[Math.Max(bufferLength, maximumRecordLength + LaneFrames.HeaderLength)];
        Name = name;
        TransportTag = transportTag;
    }

    public string Name { get; }

    public string TransportTag { get; }

    public bool Read(RingConsumer.RecordHandler handler, int limit, bool ending)
    {
        for (var count = 0; count < limit && LaneFrames.TryRead(_buffer.AsSpan(_start, _end - _start), _maximumRecordLength, out var record); count++)
        {
            _start += LaneFrames.HeaderLength + record.Length;
            handler(record);
        }

        return !((_over || ending) && !HasWholeFrame());
    }

    public void WaitForRecords(Func<bool> closed)
    {
        if (HasWholeFrame() || _over || closed())
        {
            return;
        }

        if (_start > 0)
        {
            // Keep the partial frame at the start, so a largest one always fits.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        try
        {
            var read = _connection.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _over = true;
            }

            _end += read;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _over = true;
        }
    }

    public void Start()
    {
        // The connection's end is seen by the reading thread itself.
    }

    public void Finish(string reason)
    {
        _over = true;
        _connection.Dispose();
    }

    public void Dispose()
    {
        _over = true;
        _connection.Dispose();
    }

    private bool HasWholeFrame() => LaneFrames.TryRead(_buffer.AsSpan(_start, _end - _start), _maximumRecordLength, out _);
}
