using Actors.Remote.Sockets;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>The lane over TCP connections of its own (atcp, no TLS), beside the classic association.</summary>
public sealed class LaneOverTcpConformanceSpec(ITestOutputHelper output)
    : LaneConformanceSpec(OnTheStream("tcp.conf"), TcpTransport.ConfigPath, TcpTransport.Scheme, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.TcpAsync(address);
}
