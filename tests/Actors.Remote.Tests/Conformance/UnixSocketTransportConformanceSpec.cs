using System.Net.Sockets;
using Actors.Remote.Platform;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class UnixSocketTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("uds.conf", "akka.remote.actors.uds", output)
{
    protected override async Task<Stream> ConnectRawAsync(Address address)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var path = Path.Combine(RuntimeDirectory.Resolve(""), $"uds-{address.Port}.sock");
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return new NetworkStream(socket, ownsSocket: true);
    }
}
