using Actors.Remote.Pipes;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class FifoTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("fifo.conf", FifoTransport.ConfigPath, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.FifoAsync(address);

    protected override IEnumerable<string> FilesOf(Address address) => [RawConnections.FifoRequestPath(address)];
}
