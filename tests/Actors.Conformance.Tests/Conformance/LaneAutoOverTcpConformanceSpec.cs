using Actors.Remote.Diagnostics;
using Actors.Remote.Sockets;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// The shipped <c>auto.conf</c>: atcp addresses alone, and lanes that move from their TCP connection into a
/// shared-memory ring by themselves (the two systems share this machine and user), so user messages must travel
/// under the ring's tag.
/// </summary>
public sealed class LaneAutoOverTcpConformanceSpec(ITestOutputHelper output)
    : LaneConformanceSpec(ShippedConfig.Load("auto.conf"), TcpTransport.ConfigPath, MetricTags.LaneTransport, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.TcpAsync(address);
}
