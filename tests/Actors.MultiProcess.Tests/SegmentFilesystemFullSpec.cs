using System.Text.RegularExpressions;
using Actors.Supervision;
using Actors.TestPeer;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// Two real peers whose segment directory is a small tmpfs, almost full: a shared-memory association
/// between them must fail at once with a clear error in both logs, and both must live on and talk, over
/// uds at once and over shm once room is made. Segments used to be created sparse: the writer died of
/// SIGBUS (exit 135) at the first page past the free space, and the survivor logged only that the stream
/// ended inside a frame.
/// </summary>
public sealed class SegmentFilesystemFullSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // Enough to go round a 1 MiB ring several times: a sparse segment's writer reaches unbacked pages.
    private const int MessageCount = 20_000;

    private readonly string _segmentDirectory;

    public SegmentFilesystemFullSpec(ITestOutputHelper output) : this(Directory.CreateTempSubdirectory("actors-segments-").FullName, output)
    {
    }

    private SegmentFilesystemFullSpec(string segmentDirectory, ITestOutputHelper output)
        : base(ConfigurationFactory.ParseString(ConfigText(segmentDirectory)), "host", output) =>
        _segmentDirectory = segmentDirectory;

    [TmpfsFact]
    public async Task A_full_segment_filesystem_fails_the_association_clearly_and_both_peers_live_on()
    {
        using var full = await FullSegmentDirectory.CreateAsync(_segmentDirectory, ConfigText(_segmentDirectory));
        await RunAsync(full);
    }

    private async Task RunAsync(FullSegmentDirectory full)
    {
        await using var a = await ChildActorSystem.StartAsync(PeerDll, ["--config", full.ConfigFile, "--name", "a"], ReadyTimeout);
        await using var b = await ChildActorSystem.StartAsync(PeerDll, ["--config", full.ConfigFile, "--name", "b"], ReadyTimeout);
        var echoA = await Sys.ActorSelection(new RootActorPath(a.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);
        var echoB = await Sys.ActorSelection(new RootActorPath(b.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);

        // a writes to b over shm: a creates the segment, and there is no room for it.
        var echoBOverShm = ((ExtendedActorSystem)Sys).Provider.ResolveActorRef(ActorPath.Parse($"akka.{ShmAddressOf(b)}/user/{EchoActor.Name}"));
        echoA.Tell(new SendTo(echoBOverShm, MessageCount));

        var noSpace = full.NoSpace;
        await AwaitConditionAsync(() => Task.FromResult(Said(a, noSpace) || a.HasExited), Timeout, message: "a never said there was no space");
        await AwaitConditionAsync(
            () => Task.FromResult(Said(b, $"the peer could not create a shared-memory segment: {noSpace}") || b.HasExited),
            Timeout,
            message: "b never said why a's association failed");
        Assert.False(a.HasExited, $"a died (exit {(a.HasExited ? a.ExitCode : 0)})");
        Assert.False(b.HasExited, $"b died (exit {(b.HasExited ? b.ExitCode : 0)})");
        Output.WriteLine(a.Output.First(line => line.Contains(noSpace, StringComparison.Ordinal)));
        Output.WriteLine(b.Output.First(line => line.Contains(noSpace, StringComparison.Ordinal)));
        Assert.DoesNotContain(b.Output, line => line.Contains("inside a frame", StringComparison.Ordinal));

        // Both still talk over uds.
        echoA.Tell("a over uds");
        await ExpectMsgAsync("a over uds", Timeout);
        echoB.Tell("b over uds");
        await ExpectMsgAsync("b over uds", Timeout);

        // With room made, shm works again: here to b and back, a segment each way.
        File.Delete(full.Filler);
        await AwaitAssertAsync(
            async () =>
            {
                echoBOverShm.Tell("b over shm");
                await ExpectMsgAsync("b over shm", TimeSpan.FromSeconds(2));
            },
            Timeout,
            TimeSpan.FromMilliseconds(100));
        Assert.Equal(echoBOverShm.Path.Address, LastSender.Path.Address);
        var drive = new DriveInfo(_segmentDirectory);
        Output.WriteLine($"after a round trip over shm: {drive.TotalSize - drive.AvailableFreeSpace} bytes of segments in {_segmentDirectory}");
    }

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    private static bool Said(ChildActorSystem peer, string text) => peer.Output.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>The peer's shm address, from the line its transport logs when it listens.</summary>
    private static string ShmAddressOf(ChildActorSystem peer)
    {
        var line = peer.Output.First(l => l.Contains("listening at shm://", StringComparison.Ordinal));
        return Regex.Match(line, @"listening at (shm://\S+)").Groups[1].Value;
    }

    /// <summary>uds first (the address a peer announces) and shm, whose segments go to <paramref name="segmentDirectory"/>.</summary>
    private static string ConfigText(string segmentDirectory) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HOCON", "uds.conf")) + $$"""

        akka.remote {
          enabled-transports = ["akka.remote.actors.uds", "akka.remote.actors.shm"]
          # Gated addresses are tried again soon once room is made.
          retry-gate-closed-for = 200 ms
          actors.shm {
            transport-class = "Actors.Remote.SharedMemory.SharedMemoryTransport, Actors.Remote"
            ring-size = 1 MiB
            segment-directory = "{{segmentDirectory}}"
          }
        }
        """;
}
