namespace Actors.MultiProcess.Tests;

/// <summary>
/// A segment directory that is a small tmpfs with less room left than one segment of 1 MiB rings
/// (2 MiB and a page), and the config file peers read to put their segments there. Disposing removes
/// the config file and unmounts the tmpfs. Needs root (see <see cref="TmpfsFactAttribute"/>).
/// </summary>
internal sealed class FullSegmentDirectory : IDisposable
{
    private const int FilesystemMiB = 8;
    private const int FillerMiB = 7;

    private readonly TmpfsMount _tmpfs;

    private FullSegmentDirectory(TmpfsMount tmpfs, string filler, string configFile)
    {
        _tmpfs = tmpfs;
        Filler = filler;
        ConfigFile = configFile;
    }

    /// <summary>The file that takes the room; deleting it makes room for segments.</summary>
    public string Filler { get; }

    /// <summary>The config file for peers: the spec's config text.</summary>
    public string ConfigFile { get; }

    /// <summary>How a failed segment creation in this directory starts its message.</summary>
    public string NoSpace => $"no space for a 2 MiB segment in {_tmpfs.Path}: ";

    /// <summary>Mounts the tmpfs on <paramref name="directory"/>, fills it, and writes <paramref name="configText"/> beside it.</summary>
    public static async Task<FullSegmentDirectory> CreateAsync(string directory, string configText)
    {
        var tmpfs = TmpfsMount.Create(FilesystemMiB, directory);
        try
        {
            var filler = tmpfs.Fill("filler", FillerMiB);
            var configFile = Path.Combine(Path.GetTempPath(), $"{Path.GetFileName(directory)}.conf");
            await File.WriteAllTextAsync(configFile, configText);
            return new FullSegmentDirectory(tmpfs, filler, configFile);
        }
        catch
        {
            tmpfs.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        File.Delete(ConfigFile);
        _tmpfs.Dispose();
    }
}
