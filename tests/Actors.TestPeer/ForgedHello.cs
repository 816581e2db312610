using System.Net.Sockets;
using Actors.Remote.Handshake;

namespace Actors.TestPeer;

/// <summary>
/// A hostile neighbour for death-news tests: connects to a listener's socket file, sends a hello in its
/// own name (its real pid) that claims another system's address, and closes. If the listener believed
/// the address, this process's exit would be taken for that system's death.
/// </summary>
internal static class ForgedHello
{
    public static async Task<int> SendAsync(string socketPath, string claimedAddress)
    {
        var hello = TransportHello.ForThisProcess(claimedAddress);
        var address = hello.EncodeAddress();
        var bytes = new byte[TransportHello.EncodedLength + address.Length];
        hello.Encode(bytes);
        address.CopyTo(bytes, TransportHello.EncodedLength);

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath)).WaitAsync(TimeSpan.FromSeconds(10));
        await socket.SendAsync(bytes).WaitAsync(TimeSpan.FromSeconds(10));

        // Wait for the listener's hello, so ours has surely been read before we go.
        var reply = new byte[TransportHello.EncodedLength];
        await socket.ReceiveAsync(reply).WaitAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine("FORGED");
        return 0;
    }
}
