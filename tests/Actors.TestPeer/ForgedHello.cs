using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using Actors.Remote.Handshake;
using Actors.Remote.Pipes;
using Akka.Event;

namespace Actors.TestPeer;

/// <summary>
/// A hostile neighbour for death-news tests: reaches a listener, sends a hello that claims another system's address
/// (with this process's pid, or any pid it is told), and goes. If the listener believed the hello, this process's
/// exit, or the absent pid, would be taken for that system's death.
/// </summary>
/// <remarks>The target is a socket file (uds, named pipe), <c>fifo:&lt;listener id&gt;:&lt;directory&gt;</c>, or <c>tcp:&lt;host&gt;:&lt;port&gt;</c>.</remarks>
internal static class ForgedHello
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <param name="target">Where the listener is.</param>
    /// <param name="claimedAddress">The address the hello claims.</param>
    /// <param name="processId">The pid the hello claims.</param>
    /// <param name="hold">Keep the connection open after "FORGED" until standard input closes: the listener has all the time
    /// it wants to look at this process and its end of the connection before it goes.</param>
    public static async Task<int> SendAsync(string target, string claimedAddress, int processId, bool hold)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        await using var stream = await ConnectAsync(target, deadline.Token);
        await stream.WriteAsync(Encode(claimedAddress, processId), deadline.Token);
        await stream.FlushAsync(deadline.Token);

        // Wait for the listener's hello, so ours has surely been read before we go.
        var reply = new byte[TransportHello.EncodedLength];
        await stream.ReadAtLeastAsync(reply, 1, throwOnEndOfStream: false, deadline.Token);
        Console.WriteLine("FORGED");
        while (hold && await Console.In.ReadLineAsync() is not null)
        {
        }

        return 0;
    }

    /// <summary>A hello (no secret, no flags) that claims <paramref name="claimedAddress"/> and <paramref name="processId"/>, as it travels.</summary>
    public static byte[] Encode(string claimedAddress, int processId)
    {
        var hello = new TransportHello(TransportHello.CurrentVersion, 0, processId, RandomNumberGenerator.GetBytes(TransportHello.NonceLength), claimedAddress);
        var address = hello.EncodeAddress();
        var bytes = new byte[TransportHello.EncodedLength + address.Length];
        hello.Encode(bytes);
        address.CopyTo(bytes, TransportHello.EncodedLength);
        return bytes;
    }

    private static async Task<Stream> ConnectAsync(string target, CancellationToken cancellationToken)
    {
        if (target.StartsWith("fifo:", StringComparison.Ordinal))
        {
            var parts = target.Split(':', 3);
            return await FifoConnector.ConnectAsync(parts[2], int.Parse(parts[1], CultureInfo.InvariantCulture), NoLogger.Instance, cancellationToken);
        }

        if (target.StartsWith("tcp:", StringComparison.Ordinal))
        {
            var parts = target.Split(':', 3);
            var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await tcp.ConnectAsync(parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), cancellationToken);
            return new NetworkStream(tcp, ownsSocket: true);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(target), cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
