using Actors.Cluster;
using Akka.Configuration;

namespace Supervision;

/// <summary>
/// The user's HOCON plus what Akka.Delivery needs. Akka's own logging is off: the sample narrates
/// what happens itself, and Akka reports each planned kill as an error (a dropped association), which
/// would only bury the story. A run that loses a job still says so in its last line and exits 1.
/// </summary>
internal static class SampleConfig
{
    public static Config Load(FileInfo file) =>
        ConfigurationFactory.ParseString("akka.loglevel = OFF\n" + ReliableDelivery.Hocon)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(file.FullName)));
}
