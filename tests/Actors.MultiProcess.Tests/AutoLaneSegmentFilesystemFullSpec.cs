using Actors.Supervision;
using Actors.TestPeer;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>
/// The automatic choice (<c>auto.conf</c>) when no segment can be made: the lane's segment directory is an
/// almost full tmpfs, so the lane to a peer of this machine and user stays on its TCP connection (logged
/// on both sides), opens there at once, and messages take it; nothing fails.
/// </summary>
public sealed class AutoLaneSegmentFilesystemFullSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string _segmentDirectory;

    public AutoLaneSegmentFilesystemFullSpec(ITestOutputHelper output) : this(Directory.CreateTempSubdirectory("actors-auto-segments-").FullName, output)
    {
    }

    private AutoLaneSegmentFilesystemFullSpec(string segmentDirectory, ITestOutputHelper output)
        : base(ConfigurationFactory.ParseString(ConfigText(segmentDirectory)), "host", output) =>
        _segmentDirectory = segmentDirectory;

    [TmpfsFact]
    public async Task A_full_segment_filesystem_keeps_the_lane_on_its_connection()
    {
        using var full = await FullSegmentDirectory.CreateAsync(_segmentDirectory, ConfigText(_segmentDirectory));
        await using var peer = await ChildActorSystem.StartAsync(PeerDll, ["--config", full.ConfigFile, "--name", "peer"], ReadyTimeout);
        var noSpace = full.NoSpace;
        var stays = LogLines.Watch(Sys, line => line.StartsWith("fast lane to ", StringComparison.Ordinal) && line.Contains(" stays on atcp, not shared memory: ", StringComparison.Ordinal));
        var opened = LogLines.Watch(Sys, line => line.StartsWith("fast lane to ", StringComparison.Ordinal) && line.EndsWith(" open (atcp)", StringComparison.Ordinal));
        var echo = await Sys.ActorSelection(new RootActorPath(peer.Address) / "user" / EchoActor.Name).ResolveOne(Timeout);

        // The first message to a user actor opens the lane: on the connection, since no ring can be had.
        echo.Tell("first");
        await ExpectMsgAsync("first", Timeout);
        Assert.Contains(noSpace, await stays.WaitAsync(Timeout));
        await opened.WaitAsync(Timeout);
        await AwaitConditionAsync(
            () => Task.FromResult(peer.Output.Any(line => line.Contains($"stays on atcp, not shared memory: the peer could not create a shared-memory segment: {noSpace}", StringComparison.Ordinal))),
            Timeout,
            message: "the peer never said why its inbound lane stayed on the connection");

        echo.Tell("on the lane");
        await ExpectMsgAsync("on the lane", Timeout);
        Assert.False(peer.HasExited, "the peer died");
    }

    private static string PeerDll => Path.Combine(AppContext.BaseDirectory, "Actors.TestPeer.dll");

    private static string ConfigText(string segmentDirectory) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HOCON", "auto.conf")) + $$"""

        akka.remote.actors.lane {
          ring-size = 1 MiB
          segment-directory = "{{segmentDirectory}}"
        }
        """;
}
