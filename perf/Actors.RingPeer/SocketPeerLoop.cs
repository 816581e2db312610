using System.Buffers.Binary;
using System.Net.Sockets;

namespace Actors.RingPeer;

/// <summary>
/// The same peer over a Unix-domain socket, so raw ring figures have their kernel baseline beside
/// them in one run: records travel as <c>[int32 length][payload]</c>, read and written through
/// buffers the way any sensible socket program would.
/// </summary>
internal static class SocketPeerLoop
{
    private const int BufferSize = 64 * 1024;

    public static int Run(string socketPath, PeerMode mode)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var input = new BufferedStream(stream, BufferSize);
        using var output = new BufferedStream(stream, BufferSize);
        Console.WriteLine(RingPeerProcess.ReadyLine);

        var report = new SinkReport();
        var header = new byte[4];
        var payload = new byte[16 * 1024 * 1024];
        var reply = new byte[ControlRecords.ReportLength];
        while (true)
        {
            if (input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return 0;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            input.ReadExactly(payload, 0, length);
            switch (length)
            {
                case ControlRecords.StopLength:
                    return 0;
                case ControlRecords.FenceLength when mode == PeerMode.Sink:
                    ControlRecords.WriteReport(reply, report);
                    SocketRecords.Write(output, reply);
                    output.Flush();
                    continue;
            }

            if (mode == PeerMode.Echo)
            {
                SocketRecords.Write(output, payload.AsSpan(0, length));
                output.Flush();
                continue;
            }

            var sequence = BinaryPrimitives.ReadInt64LittleEndian(payload);
            report = report with
            {
                Received = report.Received + 1,
                OutOfOrder = report.OutOfOrder + (sequence == report.NextExpected ? 0 : 1),
                NextExpected = sequence + 1,
            };
        }
    }
}

/// <summary>Length-prefixed records on a stream.</summary>
public static class SocketRecords
{
    /// <summary>Writes <c>[int32 length][payload]</c> into <paramref name="stream"/> (buffered by the caller).</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        stream.Write(header);
        stream.Write(payload);
    }

    /// <summary>Reads one record into <paramref name="destination"/>; returns its length.</summary>
    public static int Read(Stream stream, Span<byte> destination)
    {
        Span<byte> header = stackalloc byte[4];
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        stream.ReadExactly(destination[..length]);
        return length;
    }
}
