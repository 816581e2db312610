using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The lane over Unix-domain socket connections of its own beside the classic association.</summary>
public sealed class LaneOverUdsSpec(ITestOutputHelper output) : LaneSpec(output, ShippedConfig.Load("uds.conf"));
