using Akka.Configuration;

namespace PingPong;

/// <summary>
/// The user's HOCON file, with Akka's own chatter turned down so the sample's output reads well.
/// With <paramref name="AnonymousPipe"/>, both processes talk over the anonymous pipe transport only.
/// </summary>
internal sealed record SampleConfig(FileInfo File, bool AnonymousPipe)
{
    private const string AnonymousPipeTransport = "akka.remote.actors.apipe";

    /// <summary>The arguments that give the partner the same configuration.</summary>
    public IEnumerable<string> PartnerArguments =>
        AnonymousPipe ? ["--partner", "--anonymous-pipe", "--config", File.FullName] : ["--partner", "--config", File.FullName];

    /// <summary>True when the partner must be started as a child over an anonymous pipe.</summary>
    public bool UsesAnonymousPipe =>
        AnonymousPipe || Load().GetStringList("akka.remote.enabled-transports").SequenceEqual([AnonymousPipeTransport]);

    public Config Load()
    {
        var overrides = AnonymousPipe
            ? $"""
              akka.loglevel = WARNING
              akka.remote.enabled-transports = ["{AnonymousPipeTransport}"]
              {AnonymousPipeTransport}.transport-class = "Actors.Remote.Pipes.AnonymousPipeTransport, Actors.Remote"
              """
            : "akka.loglevel = WARNING";
        return ConfigurationFactory.ParseString(overrides)
            .WithFallback(ConfigurationFactory.ParseString(System.IO.File.ReadAllText(File.FullName)));
    }
}
