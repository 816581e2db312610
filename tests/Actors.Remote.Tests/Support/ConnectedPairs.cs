using System.Net;
using System.Net.Sockets;

namespace Actors.Remote.Tests.Support;

/// <summary>Both ends of a real connection in this process, for tests of what runs over one.</summary>
public static class ConnectedPairs
{
    /// <summary>Two ends of a real TCP connection over loopback.</summary>
    public static async Task<(NetworkStream Local, NetworkStream Peer)> TcpAsync(TimeSpan bound)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var accept = listener.AcceptAsync();
            await client.ConnectAsync(listener.LocalEndPoint!).WaitAsync(bound);
            var server = await accept.WaitAsync(bound);
            return (new NetworkStream(client, ownsSocket: true), new NetworkStream(server, ownsSocket: true));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Two ends of a real Unix-domain connection; its socket file is removed once connected.</summary>
    public static (NetworkStream Left, NetworkStream Right) Unix()
    {
        var directory = Directory.CreateTempSubdirectory("hello-");
        try
        {
            var path = Path.Combine(directory.FullName, "s");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(path));
            var server = listener.Accept();
            return (new NetworkStream(client, ownsSocket: true), new NetworkStream(server, ownsSocket: true));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
