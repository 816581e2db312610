using Actors.Remote.Configuration;
using Akka.Configuration;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>
/// Where an Akka contender's HOCON comes from: a file shipped beside the program (the repository's
/// HOCON/*.conf, or the suite's own Configs/*.conf) with a few overrides in front of it.
/// </summary>
/// <param name="RelativePath">The file, relative to the program's directory.</param>
/// <param name="Overrides">HOCON put in front of the file, e.g. a wait strategy.</param>
public sealed record AkkaConfigSource(string RelativePath, string Overrides = "")
{
    // The console belongs to the live display; the partner's output is kept for diagnostics only.
    private const string DriverLogging = "akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR";
    private const string PartnerLogging = "akka.loglevel = WARNING";

    public string FullPath => Path.Combine(AppContext.BaseDirectory, RelativePath);

    public bool Exists => File.Exists(FullPath);

    public Config Load(bool driver)
    {
        var front = $"{(driver ? DriverLogging : PartnerLogging)}\n{Overrides}";
        return ConfigurationFactory.ParseString(front)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(FullPath)));
    }

    /// <summary>The enabled transport's maximum-frame-size, from the file or else from Actors.Remote's defaults.</summary>
    public int MaximumFrameSize()
    {
        var config = Load(driver: true);
        var transport = config.GetStringList("akka.remote.enabled-transports")[0];
        var key = $"{transport}.maximum-frame-size";
        var size = config.HasPath(key) ? config.GetByteSize(key) : ReferenceConfig.Default.GetByteSize(key);
        return (int)(size ?? throw new ConfigurationException($"{RelativePath}: {key} is not set and has no default"));
    }

    /// <summary>True when the only transport is the anonymous pipe: the partner must be started as a linked child.</summary>
    public bool OverAnonymousPipe() =>
        Load(driver: true).GetStringList("akka.remote.enabled-transports").SequenceEqual(["akka.remote.actors.apipe"]);
}
