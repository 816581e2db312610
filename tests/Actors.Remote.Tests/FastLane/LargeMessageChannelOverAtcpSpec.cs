using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The large-message channel as a second TCP connection.</summary>
public sealed class LargeMessageChannelOverAtcpSpec(ITestOutputHelper output) : LargeMessageChannelSpec(output, LaneSpec.OnTheStream(ShippedConfig.Load("tcp.conf")));
