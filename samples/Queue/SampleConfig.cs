using Actors.Cluster;
using Actors.Supervision.Delivery;
using Akka.Configuration;

namespace Queue;

/// <summary>
/// The user's HOCON plus what Akka.Delivery needs across processes. Akka's own logging is off: the
/// sample narrates what happens itself, and Akka reports each planned kill as an error.
/// </summary>
internal static class SampleConfig
{
    public static Config Load(FileInfo file) =>
        ConfigurationFactory.ParseString("akka.loglevel = OFF\n" + ReliableDelivery.Hocon)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(file.FullName)));
}
