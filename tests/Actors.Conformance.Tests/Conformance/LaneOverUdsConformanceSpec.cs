using Actors.Remote.Sockets;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>The lane over Unix-domain socket connections of its own, beside the classic association.</summary>
public sealed class LaneOverUdsConformanceSpec(ITestOutputHelper output)
    : LaneConformanceSpec(OnTheStream("uds.conf"), UnixSocketTransport.ConfigPath, UnixSocketTransport.Scheme, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.UnixSocketAsync(RawConnections.UnixSocketPath(address));

    protected override IEnumerable<string> FilesOf(Address address) => [RawConnections.UnixSocketPath(address)];
}
