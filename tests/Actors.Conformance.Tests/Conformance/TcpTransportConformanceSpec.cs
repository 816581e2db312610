using Actors.Remote.Sockets;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class TcpTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("tcp.conf", TcpTransport.ConfigPath, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.TcpAsync(address);
}
