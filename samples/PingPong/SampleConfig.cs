using Akka.Configuration;

namespace PingPong;

/// <summary>The user's HOCON file, with Akka's own chatter turned down so the sample's output reads well.</summary>
internal static class SampleConfig
{
    public static Config Load(FileInfo file) =>
        ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(file.FullName)));
}
