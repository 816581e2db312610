using Actors.Remote.Native;
using Actors.Remote.Platform;

namespace Actors.Remote.Tests.Platform;

/// <summary>
/// An XDG_RUNTIME_DIR that is set but cannot hold our directory is reported in one line naming it, why,
/// and the directory used instead; real paths. (A real process started with it: the multi-process
/// StartupWarningsSpec.)
/// </summary>
public sealed class RuntimeDirectoryFromEnvironmentTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("xdg-");

    private static string UsedInstead => Path.Combine(Path.GetTempPath(), $"actors-{Interop.GetEUid()}");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void A_directory_that_does_not_exist_is_reported_with_the_directory_used_instead()
    {
        var missing = Path.Combine(_root.FullName, "gone");

        Assert.Equal(
            $"runtime directory from the environment is not usable: XDG_RUNTIME_DIR={missing} (does not exist), using path={UsedInstead} instead",
            RuntimeDirectory.PassedOverXdgRuntimeDir(missing));
    }

    [Fact]
    public void A_file_is_reported_as_not_a_directory()
    {
        var file = Path.Combine(_root.FullName, "file");
        File.WriteAllText(file, "");

        Assert.Equal(
            $"runtime directory from the environment is not usable: XDG_RUNTIME_DIR={file} (not a directory), using path={UsedInstead} instead",
            RuntimeDirectory.PassedOverXdgRuntimeDir(file));
    }

    [Fact]
    public void A_relative_path_is_reported_as_not_absolute()
    {
        Assert.Equal(
            $"runtime directory from the environment is not usable: XDG_RUNTIME_DIR=run/user (not an absolute path), using path={UsedInstead} instead",
            RuntimeDirectory.PassedOverXdgRuntimeDir("run/user"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_unset_variable_is_no_news(string? xdg)
    {
        Assert.Null(RuntimeDirectory.PassedOverXdgRuntimeDir(xdg));
    }

    [Fact]
    public void A_usable_directory_is_no_news()
    {
        Assert.Null(RuntimeDirectory.PassedOverXdgRuntimeDir(_root.FullName));
    }
}
