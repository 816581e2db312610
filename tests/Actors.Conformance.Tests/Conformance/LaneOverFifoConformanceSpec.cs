using Actors.Remote.Pipes;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>The lane over FIFO pairs of its own, beside the classic association.</summary>
public sealed class LaneOverFifoConformanceSpec(ITestOutputHelper output)
    : LaneConformanceSpec(OnTheStream("fifo.conf"), FifoTransport.ConfigPath, FifoTransport.Scheme, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.FifoAsync(address);

    protected override IEnumerable<string> FilesOf(Address address) => [RawConnections.FifoRequestPath(address)];
}
