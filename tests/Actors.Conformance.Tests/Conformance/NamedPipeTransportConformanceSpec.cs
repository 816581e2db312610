using Actors.Remote.Pipes;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class NamedPipeTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("pipe.conf", NamedPipeTransport.ConfigPath, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.NamedPipeAsync(address, Timeout);

    protected override IEnumerable<string> FilesOf(Address address) => [RawConnections.NamedPipePath(address)];
}
