using System.Net.Sockets;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class TcpTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("tcp.conf", "akka.remote.actors.tcp", output)
{
    protected override async Task<Stream> ConnectRawAsync(Address address)
    {
        var client = new TcpClient();
        await client.ConnectAsync(address.Host!, address.Port!.Value);
        return client.GetStream();
    }
}
