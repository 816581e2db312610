using Akka.Actor;
using Akka.Configuration;

namespace ClusterSample;

/// <summary>What every process of the sample runs with.</summary>
/// <param name="ConfigFile">The HOCON file.</param>
/// <param name="Seeds">Seed nodes to join; empty: the coordinator is the first seed.</param>
/// <param name="Verbose">Show Akka's own log.</param>
/// <param name="WorkPerChunk">The pause each chunk adds to its counting.</param>
internal sealed record SampleSettings(FileInfo ConfigFile, string[] Seeds, bool Verbose, TimeSpan WorkPerChunk)
{
    /// <summary>
    /// The user's HOCON. Akka's own log shows warnings and errors unless more is asked for: the sample
    /// narrates what happens itself. The planned kill logs no association error: the transport confirms
    /// the member's process is gone and Akka's lines about that association are dropped
    /// (<c>ExpectedDeathLogFilter</c>).
    /// </summary>
    public Config LoadConfig() =>
        ConfigurationFactory.ParseString(Verbose ? "" : "akka.loglevel = WARNING")
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(ConfigFile.FullName)));

    /// <summary>The seed nodes as addresses.</summary>
    /// <exception cref="FormatException">A seed is not an actor system address.</exception>
    public IReadOnlyList<Address> SeedAddresses() => Seeds.Select(Address.Parse).ToList();

    /// <summary>The arguments that start a member process with these settings, joining <paramref name="seed"/>.</summary>
    public IEnumerable<string> MemberArguments(Address seed) =>
    [
        "--member", "--config", ConfigFile.FullName, "--seed", seed.ToString(),
        "--work-ms", ((int)WorkPerChunk.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        .. Verbose ? new[] { "--verbose" } : [],
    ];
}
