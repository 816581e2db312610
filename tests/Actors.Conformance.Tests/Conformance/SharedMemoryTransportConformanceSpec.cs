using Actors.Remote.SharedMemory;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class SharedMemoryTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("shm.conf", SharedMemoryTransport.ConfigPath, output)
{
    protected override Task<Stream> ConnectRawAsync(Address address) => RawConnections.SharedMemoryControlAsync(address);

    protected override Task<Stream> AfterHelloAsync(Stream raw) => RawConnections.OverSharedMemoryAsync(raw);

    [Fact]
    public async Task Segment_files_are_unlinked_as_soon_as_both_sides_have_mapped_them()
    {
        var echo = await Sys.ActorSelection(new RootActorPath(RemoteAddress) / "user" / "echo").ResolveOne(Timeout);
        Assert.Equal("mapped", await echo.Ask<string>("mapped", Timeout));

        var ours = SegmentFiles.OfThisUser(SegmentFiles.ResolveDirectory(""))
            .Where(path => SegmentFiles.CreatorOf(Path.GetFileName(path)) == Environment.ProcessId);
        Assert.Empty(ours);
    }

    protected override IEnumerable<string> FilesOf(Address address) => [RawConnections.SharedMemoryControlPath(address)];
}
