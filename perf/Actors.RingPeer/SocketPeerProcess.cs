using System.Diagnostics;
using System.Net.Sockets;

namespace Actors.RingPeer;

/// <summary>
/// The measuring side over a Unix-domain socket: listens on a fresh socket file, starts the peer,
/// accepts its connection, and removes the file at once (the connection outlives it).
/// </summary>
public sealed class SocketPeerProcess : IRawPeer
{
    private const int BufferSize = 64 * 1024;

    private readonly Process _process;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly BufferedStream _output;
    private readonly BufferedStream _input;

    private SocketPeerProcess(Process process, Socket socket)
    {
        _process = process;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _output = new BufferedStream(_stream, BufferSize);
        _input = new BufferedStream(_stream, BufferSize);
    }

    /// <inheritdoc />
    public int ProcessId => _process.Id;

    /// <summary>Starts the peer program in <paramref name="mode"/> over a Unix-domain socket.</summary>
    public static SocketPeerProcess Start(PeerMode mode, TimeSpan readyTimeout)
    {
        var path = Path.Combine(Path.GetTempPath(), $"actors-ringpeer-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Process? process = null;
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            process = PeerProgram.Start([mode == PeerMode.Sink ? "sink" : "echo", "--socket", path]);
            var accepted = listener.AcceptAsync();
            if (!accepted.Wait(readyTimeout))
            {
                throw new TimeoutException($"the socket peer did not connect within {readyTimeout.TotalSeconds:0} s");
            }

            PeerProgram.WaitUntilReady(process, readyTimeout);
            return new SocketPeerProcess(process, accepted.Result);
        }
        catch
        {
            PeerProgram.Kill(process);
            process?.Dispose();
            throw;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> payload) => SocketRecords.Write(_output, payload);

    /// <inheritdoc />
    public void Flush() => _output.Flush();

    /// <inheritdoc />
    public int ReceiveOne(Span<byte> destination, TimeSpan timeout)
    {
        _socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        return SocketRecords.Read(_input, destination);
    }

    public void Dispose()
    {
        try
        {
            Send([0]);
            Flush();
        }
        catch (IOException)
        {
            // The peer is gone already.
        }

        _stream.Dispose();
        PeerProgram.Stop(_process);
    }
}
