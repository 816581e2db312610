using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The large-message channel as a second Unix-domain socket connection.</summary>
public sealed class LargeMessageChannelOverUdsSpec(ITestOutputHelper output) : LargeMessageChannelSpec(output, LaneSpec.OnTheStream(ShippedConfig.Load("uds.conf")));
