using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>Issue 15's regressions for the lane over Unix-domain socket connections (a burst waits in the socket and the sender's buffers).</summary>
public sealed class BugFix15OverUdsSpec(ITestOutputHelper output) : BugFix15Spec(output, LaneSpec.OnTheStream(ShippedConfig.Load("uds.conf")));
