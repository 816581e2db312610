using System.Net.Sockets;
using Actors.Remote.Platform;
using Actors.Remote.Sockets;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class UnixSocketTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("uds.conf", UnixSocketTransport.ConfigPath, output)
{
    protected override async Task<Stream> ConnectRawAsync(Address address)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(FilesOf(address).Single()));
        return new NetworkStream(socket, ownsSocket: true);
    }

    protected override IEnumerable<string> FilesOf(Address address) =>
        [UnixSocketTransport.SocketPath(RuntimeDirectory.Resolve(""), address.Port!.Value)];
}
