using System.Net.Sockets;
using Actors.Remote.Native;
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
/// <para>
/// On a socket (uds, atcp without TLS) the thread takes what has arrived, or waits in poll(2) itself: a
/// blocking read of a socket .NET has used asynchronously waits through .NET's event thread instead, which
/// wakes this one, one more thread hop per batch. The poll is bounded, so a closed lane is seen in time.
/// </para>
/// </remarks>
internal sealed class StreamLaneReceiver : ILaneReceivingLink
{
    // What ReceiveWithoutWaiting returns when no byte has arrived.
    private const int NothingArrived = -2;

    // How long one poll waits before the reader looks whether the lane was closed.
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Stream _connection;

    // The connection's socket when it is one; null for other streams, which are read with blocking reads.
    private readonly Socket? _socket;
    private readonly int _maximumRecordLength;
    private readonly byte[] _buffer;

    // Whether the opener waits for our release byte (both hellos carried ReleaseAckFlag), and whether it was sent.
    private readonly bool _acknowledgesRelease;
    private int _acknowledged;
    private int _start;
    private int _end;
    private volatile bool _over;

    /// <param name="connection">The lane connection, after its rendezvous.</param>
    /// <param name="name">The lane's name, as the barrier names it.</param>
    /// <param name="transportTag">The stream transport's scheme, for the lane's measurements.</param>
    /// <param name="maximumRecordLength">The largest record this side takes.</param>
    /// <param name="bufferLength">Bytes read at most per call; raised to one largest frame.</param>
    /// <param name="acknowledgesRelease">Whether the opener writes nothing before this side's release byte (<see cref="Released"/>).</param>
    public StreamLaneReceiver(Stream connection, string name, string transportTag, int maximumRecordLength, int bufferLength, bool acknowledgesRelease = false)
    {
        _acknowledgesRelease = acknowledgesRelease;
        _connection = connection;
        _socket = connection is NetworkStream network && OperatingSystem.IsLinux() ? network.Socket : null;
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
            var read = _socket is null ? _connection.Read(_buffer, _end, _buffer.Length - _end) : ReceiveFromSocket(_socket);
            if (read == 0)
            {
                _over = true;
            }

            _end += Math.Max(read, 0);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            _over = true;
        }
    }

    public void Start()
    {
        // The connection's end is seen by the reading thread itself.
    }

    public void Released()
    {
        if (!_acknowledgesRelease || Interlocked.Exchange(ref _acknowledged, 1) != 0)
        {
            return;
        }

        try
        {
            // One byte into an otherwise silent direction: the write never waits for room.
            _connection.Write(LaneFrames.ReleaseByte);
            _connection.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The connection has ended: the reading thread sees it and ends the lane.
        }
    }

    public void Finish(string reason) => Dispose();

    public void Dispose()
    {
        _over = true;
        try
        {
            // Wakes a reader waiting in poll(2) at once; closing the descriptor alone would not.
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already ended or closed: there is no one to wake.
        }

        _connection.Dispose();
    }

    /// <summary>
    /// Takes what has arrived; when nothing has, waits in poll(2) and takes it then. Returns the bytes read,
    /// 0 at the end, -1 when the poll timed out. A busy lane costs one recv(2) per batch, an idle one no thread hop.
    /// </summary>
    private int ReceiveFromSocket(Socket socket)
    {
        var received = ReceiveWithoutWaiting(socket);
        if (received != NothingArrived || !socket.Poll(PollTimeout, SelectMode.SelectRead))
        {
            return Math.Max(received, -1);
        }

        // Readable: bytes, the end or an error are there.
        return Math.Max(ReceiveWithoutWaiting(socket), -1);
    }

    private int ReceiveWithoutWaiting(Socket socket)
    {
        var received = Interop.ReceiveWithoutWaiting(socket.SafeHandle, _buffer.AsSpan(_end), out var errno);
        return received != -1 ? received : throw Interop.ErrnoException("recv", "lane connection", errno);
    }

    private bool HasWholeFrame() => LaneFrames.TryRead(_buffer.AsSpan(_start, _end - _start), _maximumRecordLength, out _);
}
