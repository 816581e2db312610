using Actors.Remote.Diagnostics;
using Actors.Remote.Platform;
using Actors.Remote.SharedMemory;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// The shipped <c>lane.conf</c>: the system's transport is shm and each lane is a ring of its own, offered over the
/// lane listener <c>lane-&lt;port&gt;.sock</c>. A ring lane carries at most an eighth of <c>lane.ring-size</c>, not the
/// transport's <c>maximum-frame-size</c>: the ring size here makes the two limits meet, so the frame-limit case
/// finds the lane's limit where it finds the association's.
/// </summary>
[LaneKeepsFiles]
public sealed class LaneOverShmConformanceSpec(ITestOutputHelper output)
    : LaneConformanceSpec(RingOfTheFrameLimit(), SharedMemoryTransport.ConfigPath, MetricTags.LaneTransport, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.SharedMemoryControlAsync(address);

    protected override Task<Stream> AfterHelloAsync(Stream raw) => RawConnections.OverSharedMemoryAsync(raw);

    protected override IEnumerable<string> FilesOf(Address address) =>
        [RawConnections.SharedMemoryControlPath(address), Path.Combine(RuntimeDirectory.Resolve(""), $"lane-{address.Port!.Value}.sock")];

    private static Config RingOfTheFrameLimit() =>
        ConfigurationFactory.ParseString($"akka.remote.actors.lane.ring-size = {FrameLimit * 8}b").WithFallback(ShippedConfig.Load("lane.conf"));
}
