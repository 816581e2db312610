using Actors.Supervision;
using Actors.TestPeer;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// The fast lane's segment directory is an almost full tmpfs (the classic path's segments stay in
/// /dev/shm): opening a lane to a real peer fails at once with a clear error on both sides, messages take
/// the classic path, and the lane opens once room is made. Lane segments used to be created sparse: the
/// writer died in <c>LaneRecords.WriteMessage</c> (exit 134) at the first page past the free space.
/// </summary>
public sealed class LaneSegmentFilesystemFullSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string _segmentDirectory;

    public LaneSegmentFilesystemFullSpec(ITestOutputHelper output) : this(Directory.CreateTempSubdirectory("actors-lane-segments-").FullName, output)
    {
    }

    private LaneSegmentFilesystemFullSpec(string segmentDirectory, ITestOutputHelper output)
        : base(ConfigurationFactory.ParseString(ConfigText(segmentDirectory)), "host", output) =>
        _segmentDirectory = segmentDirectory;

    [TmpfsFact]
    public async Task A_full_lane_segment_filesystem_leaves_messages_on_the_classic_path_until_room_is_made()
    {
        using var full = await FullSegmentDirectory.CreateAsync(_segmentDirectory, ConfigText(_segmentDirectory));
        await using var peer = await ChildActorSystem.StartAsync(PeerDll, ["--config", full.ConfigFile, "--name", "peer"], ReadyTimeout);
        var noSpace = full.NoSpace;
        var noLane = LogLines.Watch(Sys, line => line.StartsWith("no fast lane to ", StringComparison.Ordinal));
        var echo = await Sys.ActorSelection(new RootActorPath(peer.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);

        // The first message to a user actor tries to open the lane; it and its reply go the classic way.
        echo.Tell("classic");
        await ExpectMsgAsync("classic", Timeout);
        Assert.Contains(noSpace, await noLane.WaitAsync(Timeout));
        await AwaitConditionAsync(
            () => Task.FromResult(peer.Output.Any(line => line.Contains($"the peer could not create a shared-memory segment: {noSpace}", StringComparison.Ordinal))),
            Timeout,
            message: "the peer never said why the lane was not opened");
        Assert.False(peer.HasExited, "the peer died");

        // With room made, the lane opens at the next message after its retry pause (5 s).
        File.Delete(full.Filler);
        var opened = LogLines.Watch(Sys, line => line.StartsWith("fast lane to ", StringComparison.Ordinal) && line.Contains(" open (", StringComparison.Ordinal));
        using var deadline = new CancellationTokenSource(Timeout);
        while (!opened.IsCompleted)
        {
            echo.Tell("lane");
            await ExpectMsgAsync("lane", Timeout);
            await Task.WhenAny(opened, Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token));
        }

        echo.Tell("on the lane");
        await ExpectMsgAsync("on the lane", Timeout);
    }

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    private static string ConfigText(string segmentDirectory) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HOCON", "lane.conf")) + $$"""

        akka.remote.actors.lane {
          ring-size = 1 MiB
          segment-directory = "{{segmentDirectory}}"
        }
        """;
}
