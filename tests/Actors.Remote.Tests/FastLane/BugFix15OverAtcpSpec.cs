using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>Issue 15's regressions for the lane over TCP connections.</summary>
public sealed class BugFix15OverAtcpSpec(ITestOutputHelper output) : BugFix15Spec(output, LaneSpec.OnTheStream(ShippedConfig.Load("tcp.conf")));
