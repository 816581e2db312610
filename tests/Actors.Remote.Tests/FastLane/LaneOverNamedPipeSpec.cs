using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The lane over named-pipe connections of its own beside the classic association.</summary>
public sealed class LaneOverNamedPipeSpec(ITestOutputHelper output) : LaneSpec(output, OnTheStream(ShippedConfig.Load("pipe.conf")));
