using System.Runtime.Versioning;
using Actors.Remote.Native;
using Actors.Remote.Platform;
using Actors.Remote.Tests.Support;

namespace Actors.Remote.Tests.Platform;

/// <summary>
/// The default runtime directory must be ours and 0700; a configured one is checked and used as it
/// is, never chmod'ed. Real directories, really given to another user with chown.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RuntimeDirectoryTests : IDisposable
{
    private const UnixFileMode Private = RuntimeDirectory.DirectoryMode;
    private const UnixFileMode Shared = (UnixFileMode)0x3FF; // 1777, as /tmp

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("rundir-");

    private string Child(string name) => Path.Combine(_root.FullName, name);

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void EnsurePrivate_missing_directory_is_created_0700_and_ours()
    {
        var path = Child("actors-new");

        RuntimeDirectory.EnsurePrivate(path);

        Assert.Equal(Private, File.GetUnixFileMode(path));
        Assert.Equal(Interop.GetEUid(), Interop.StatX(path).Uid);
    }

    [RootFact]
    public void EnsurePrivate_directory_another_user_made_first_is_refused_naming_its_owner_and_mode()
    {
        var path = Child("actors-taken");
        Directory.CreateDirectory(path, Private);
        FileOwner.Give(path, FileOwner.OtherUserId);

        var e = Assert.Throws<IOException>(() => RuntimeDirectory.EnsurePrivate(path));

        Assert.Contains(path, e.Message);
        Assert.Contains($"owner uid={FileOwner.OtherUserId}", e.Message);
        Assert.Contains("mode 0700", e.Message);
    }

    [Fact]
    public void EnsurePrivate_own_directory_open_to_others_is_refused_and_left_as_it_is()
    {
        var path = Child("actors-open");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var e = Assert.Throws<IOException>(() => RuntimeDirectory.EnsurePrivate(path));

        Assert.Contains("mode 0755", e.Message);
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(path));
    }

    [Fact]
    public void EnsurePrivate_link_planted_in_place_of_the_directory_is_refused()
    {
        var target = Child("elsewhere");
        Directory.CreateDirectory(target, Private);
        var path = Child("actors-link");
        Directory.CreateSymbolicLink(path, target);

        var e = Assert.Throws<IOException>(() => RuntimeDirectory.EnsurePrivate(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void EnsureSafe_sticky_directory_open_to_all_is_used_and_not_chmoded()
    {
        var path = Child("shared-tmp");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Shared);

        Assert.Equal(path, RuntimeDirectory.EnsureSafe(path));

        Assert.Equal(Shared, File.GetUnixFileMode(path));
    }

    [Fact]
    public void EnsureSafe_directory_writable_by_all_without_sticky_bit_is_refused_and_not_chmoded()
    {
        var path = Child("open-to-all");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0x1FF); // 0777

        var e = Assert.Throws<IOException>(() => RuntimeDirectory.EnsureSafe(path));

        Assert.Contains("sticky", e.Message);
        Assert.Contains("mode 0777", e.Message);
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(path));
    }

    [RootFact]
    public void EnsureSafe_directory_of_another_user_who_is_not_root_is_refused()
    {
        var path = Child("theirs");
        Directory.CreateDirectory(path, Private);
        FileOwner.Give(path, FileOwner.OtherUserId);

        var e = Assert.Throws<IOException>(() => RuntimeDirectory.EnsureSafe(path));

        Assert.Contains($"owner uid={FileOwner.OtherUserId}", e.Message);
    }

    [Fact]
    public void EnsureSafe_group_writable_directory_of_ours_is_used_as_it_is()
    {
        var path = Child("group");
        Directory.CreateDirectory(path);
        var groupShared = Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.SetGroup;
        File.SetUnixFileMode(path, groupShared);

        RuntimeDirectory.EnsureSafe(path);

        Assert.Equal(groupShared, File.GetUnixFileMode(path));
    }
}
