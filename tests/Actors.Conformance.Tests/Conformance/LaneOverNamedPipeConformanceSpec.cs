using Actors.Remote.Pipes;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>The lane over named-pipe connections of its own, beside the classic association.</summary>
public sealed class LaneOverNamedPipeConformanceSpec(ITestOutputHelper output)
    : LaneConformanceSpec(OnTheStream("pipe.conf"), NamedPipeTransport.ConfigPath, NamedPipeTransport.Scheme, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.NamedPipeAsync(address, Timeout);

    protected override IEnumerable<string> FilesOf(Address address) => [RawConnections.NamedPipePath(address)];
}
