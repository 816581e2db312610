using System.Net;
using System.Net.Sockets;
using Actors.Remote.Streams;
using Akka.Actor;

namespace Actors.Remote.Sockets;

/// <summary>A listening socket (TCP or Unix-domain) that hands out <see cref="NetworkStream"/>s.</summary>
internal sealed class SocketStreamListener(Socket socket, Address localAddress, Action? onDisposed = null) : IStreamListener
{
    private int _disposed;

    public Address LocalAddress { get; } = localAddress;

    public async Task<AcceptedStream> AcceptAsync(CancellationToken cancellationToken)
    {
        var connection = await socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
        SocketOptions.Configure(connection);
        var remote = connection.RemoteEndPoint as IPEndPoint;
        return new AcceptedStream(new NetworkStream(connection, ownsSocket: true), remote?.Address.ToString(), remote?.Port);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            socket.Dispose();
            onDisposed?.Invoke();
        }

        return ValueTask.CompletedTask;
    }
}
