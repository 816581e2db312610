using Actors.Remote.Tests.Support;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The lane over FIFO pairs of its own beside the classic association.</summary>
public sealed class LaneOverFifoSpec(ITestOutputHelper output) : LaneSpec(output, OnTheStream(ShippedConfig.Load("fifo.conf")));
