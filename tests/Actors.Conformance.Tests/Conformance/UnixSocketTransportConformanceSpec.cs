using Actors.Remote.Sockets;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class UnixSocketTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("uds.conf", UnixSocketTransport.ConfigPath, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.UnixSocketAsync(RawConnections.UnixSocketPath(address));

    protected override IEnumerable<string> FilesOf(Address address) => [RawConnections.UnixSocketPath(address)];
}
