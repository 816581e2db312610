using System.Net.Sockets;

namespace Actors.Remote.Sockets;

/// <summary>Options every connected socket of ours gets.</summary>
internal static class SocketOptions
{
    /// <summary>Turns Nagle off on TCP: frames are batched by the sending loop, and a lone frame must leave at once.</summary>
    public static void Configure(Socket socket)
    {
        if (socket.ProtocolType == ProtocolType.Tcp)
        {
            socket.NoDelay = true;
        }
    }
}
