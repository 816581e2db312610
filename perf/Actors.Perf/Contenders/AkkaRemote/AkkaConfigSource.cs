using Actors.Perf.Measurement;
using Actors.Remote.Configuration;
using Akka.Configuration;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>
/// Where an Akka contender's HOCON comes from: a file shipped beside the program (the repository's
/// HOCON/*.conf, or the suite's own Configs/*.conf) with a few overrides in front of it.
/// </summary>
/// <param name="RelativePath">The file, relative to the program's directory.</param>
/// <param name="Overrides">HOCON put in front of the file, e.g. a wait strategy.</param>
/// <param name="MadeOnUse">More HOCON in front, made only when the contender runs (e.g. a certificate it needs).</param>
public sealed record AkkaConfigSource(string RelativePath, string Overrides = "", Func<string>? MadeOnUse = null)
{
    // The console belongs to the live display; the partner's output is kept for diagnostics only.
    private const string DriverLogging = "akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR";
    private const string PartnerLogging = "akka.loglevel = WARNING";

    // What a user who sends 8 MiB messages raises: the frame limit (the payload plus Akka's envelope),
    // the outbound buffer that must hold a frame, and the lane's ring, whose records carry an eighth of it.
    private const string LargeFrameSize = "9 MiB";
    private const string LargeOutboundBufferSize = "18 MiB";
    private const string LargeLaneRingSize = "128 MiB";

    public string FullPath => Path.Combine(AppContext.BaseDirectory, RelativePath);

    public bool Exists => File.Exists(FullPath);

    public Config Load(bool driver, ContenderSetup setup = ContenderSetup.Standard)
    {
        var front = $"{(driver ? DriverLogging : PartnerLogging)}\n{Overrides}\n{MadeOnUse?.Invoke()}";
        var config = ConfigurationFactory.ParseString(front)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(FullPath)));
        return setup == ContenderSetup.LargeMessages
            ? ConfigurationFactory.ParseString(LargeMessageOverrides(config)).WithFallback(config)
            : config;
    }

    /// <summary>The enabled transport's maximum-frame-size, from the file or else from Actors.Remote's defaults.</summary>
    public int MaximumFrameSize(ContenderSetup setup = ContenderSetup.Standard)
    {
        var config = Load(driver: true, setup);
        var transport = config.GetStringList("akka.remote.enabled-transports")[0];
        var key = $"{transport}.maximum-frame-size";
        var size = config.HasPath(key) ? config.GetByteSize(key) : ReferenceConfig.Default.GetByteSize(key);
        return (int)(size ?? throw new ConfigurationException($"{RelativePath}: {key} is not set and has no default"));
    }

    private static string LargeMessageOverrides(Config config)
    {
        var transport = config.GetStringList("akka.remote.enabled-transports")[0];
        var bufferKey = $"{transport}.outbound-buffer-size";
        var hasBuffer = config.HasPath(bufferKey) || ReferenceConfig.Default.HasPath(bufferKey);
        return $"""
            {transport}.maximum-frame-size = {LargeFrameSize}
            {(hasBuffer ? $"{bufferKey} = {LargeOutboundBufferSize}" : "")}
            akka.remote.actors.lane.ring-size = {LargeLaneRingSize}
            """;
    }

    /// <summary>True when the only transport is the anonymous pipe: the partner must be started as a linked child.</summary>
    public bool OverAnonymousPipe() =>
        Load(driver: true).GetStringList("akka.remote.enabled-transports").SequenceEqual(["akka.remote.actors.apipe"]);
}
