using Actors.Supervision.Delivery;
using Akka.Configuration;

namespace Supervision;

/// <summary>The user's HOCON plus what Akka.Delivery needs, with Akka's own chatter turned down.</summary>
internal static class SampleConfig
{
    public static Config Load(FileInfo file) =>
        ConfigurationFactory.ParseString("akka.loglevel = ERROR\n" + ReliableDelivery.Hocon)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(file.FullName)));
}
