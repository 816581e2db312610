using System.Runtime.Versioning;
using Actors.Remote.SharedMemory;
using Akka.Event;

namespace Actors.Remote.Tests.SharedMemory;

/// <summary>
/// The segment file: created private to its user, recognisable by name, and refused when it is not
/// exactly what a peer of ours would create.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SharedSegmentSpec : IDisposable
{
    private const int RingSize = 64 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("actors-segments-").FullName;

    [Fact]
    public void A_segment_is_a_0600_file_named_after_its_user_and_process_and_sized_for_two_rings()
    {
        using var segment = SharedSegment.Create(_directory, RingSize);

        var name = Path.GetFileName(segment.Path);
        Assert.True(SegmentFiles.IsSegmentName(name));
        Assert.Equal(Environment.ProcessId, SegmentFiles.CreatorOf(name));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(segment.Path));
        Assert.Equal(SegmentLayout.FileLength(RingSize), new FileInfo(segment.Path).Length);
    }

    [Fact]
    public void Both_mappings_see_each_others_rings_and_the_acceptor_pid()
    {
        using var creator = SharedSegment.Create(_directory, RingSize);
        using var acceptor = SharedSegment.OpenOwn(creator.Path, RingSize);

        Assert.True(creator.Outbound.TryWrite("to acceptor"u8));
        Assert.True(acceptor.Outbound.TryWrite("to creator"u8));
        var buffer = new byte[64];
        Assert.True(acceptor.Inbound.TryRead(buffer, out var length));
        Assert.Equal("to acceptor"u8.ToArray(), buffer[..length]);
        Assert.True(creator.Inbound.TryRead(buffer, out length));
        Assert.Equal("to creator"u8.ToArray(), buffer[..length]);
        Assert.Equal(Environment.ProcessId, creator.PeerProcessId);
    }

    [Fact]
    public void A_segment_readable_by_others_is_refused()
    {
        using var creator = SharedSegment.Create(_directory, RingSize);
        File.SetUnixFileMode(creator.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var e = Assert.Throws<InvalidDataException>(() => SharedSegment.OpenOwn(creator.Path, RingSize));
        Assert.Contains("mode 0600", e.Message);
    }

    [Fact]
    public void A_segment_of_another_user_is_refused()
    {
        using var creator = SharedSegment.Create(_directory, RingSize);

        var e = Assert.Throws<InvalidDataException>(() => SharedSegment.Open(creator.Path, expectedOwner: 4242, RingSize));
        Assert.Contains("uid 4242", e.Message);
    }

    [Fact]
    public void A_segment_asking_for_rings_larger_than_this_side_accepts_is_refused()
    {
        using var creator = SharedSegment.Create(_directory, RingSize);

        var e = Assert.Throws<InvalidDataException>(() => SharedSegment.OpenOwn(creator.Path, RingSize / 2));
        Assert.Contains("ring-size", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_one_of_our_segments_is_refused()
    {
        var path = Path.Combine(_directory, SegmentFiles.NewName());
        File.WriteAllBytes(path, new byte[SegmentLayout.FileLength(RingSize)]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var e = Assert.Throws<InvalidDataException>(() => SharedSegment.OpenOwn(path, RingSize));
        Assert.Contains("not an Actors segment", e.Message);
    }

    [Fact]
    public void A_truncated_segment_is_refused()
    {
        using var creator = SharedSegment.Create(_directory, RingSize);
        var copy = Path.Combine(_directory, SegmentFiles.NewName());
        File.WriteAllBytes(copy, File.ReadAllBytes(creator.Path)[..8192]);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var e = Assert.Throws<InvalidDataException>(() => SharedSegment.OpenOwn(copy, RingSize));
        Assert.Contains("bytes long", e.Message);
    }

    [Fact]
    public void Files_left_by_a_dead_process_are_reclaimed_and_those_of_live_processes_are_kept()
    {
        var dead = Path.Combine(_directory, $"actors-{Native.Interop.GetEUid()}-{DeadProcessId()}-00000000deadbeef.shm");
        File.WriteAllBytes(dead, [1]);
        using var live = SharedSegment.Create(_directory, RingSize);

        SegmentFiles.ReclaimStale(_directory, NoLogger.Instance);

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live.Path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
