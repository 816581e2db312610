using System.Net.Sockets;
using Actors.Remote.Platform;
using Actors.Remote.SharedMemory;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

public sealed class SharedMemoryTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("shm.conf", SharedMemoryTransport.ConfigPath, output)
{
    private static readonly SharedMemorySettings RawClientSettings =
        SharedMemorySettings.FromConfig(new Actors.Remote.Configuration.SettingsReader(
            Actors.Remote.Configuration.ReferenceConfig.WithDefaults(Config.Empty, SharedMemoryTransport.ConfigPath),
            SharedMemoryTransport.ConfigPath));

    protected override async Task<Stream> ConnectRawAsync(Address address)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(FilesOf(address).Single()));
        return new NetworkStream(socket, ownsSocket: true);
    }

    protected override async Task<Stream> AfterHelloAsync(Stream raw)
    {
        var control = (NetworkStream)raw;
        var segment = await SegmentRendezvous.OfferAsync(control, RawClientSettings, CancellationToken.None);
        return new SharedMemoryStream(segment, control.Socket, RawClientSettings, "[raw test client]");
    }

    [Fact]
    public async Task Segment_files_are_unlinked_as_soon_as_both_sides_have_mapped_them()
    {
        var echo = await Sys.ActorSelection(new RootActorPath(RemoteAddress) / "user" / "echo").ResolveOne(Timeout);
        Assert.Equal("mapped", await echo.Ask<string>("mapped", Timeout));

        var ours = SegmentFiles.OfThisUser(SegmentFiles.ResolveDirectory(""))
            .Where(path => SegmentFiles.CreatorOf(Path.GetFileName(path)) == Environment.ProcessId);
        Assert.Empty(ours);
    }

    protected override IEnumerable<string> FilesOf(Address address) =>
        [SharedMemoryTransport.ControlSocketPath(RuntimeDirectory.Resolve(""), address.Port!.Value)];
}
