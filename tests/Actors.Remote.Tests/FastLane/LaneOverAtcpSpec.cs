using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The lane over TCP connections of its own beside the classic association (atcp, no TLS).</summary>
public sealed class LaneOverAtcpSpec(ITestOutputHelper output) : LaneSpec(output, OnTheStream(ShippedConfig.Load("tcp.conf")));
