using Actors.Supervision.Delivery;
using Akka.Configuration;

namespace Supervision;

/// <summary>
/// The user's HOCON plus what Akka.Delivery needs. Akka's own log shows errors only: the sample narrates
/// what happens itself. A planned kill is no error (the transport confirms the worker's process is gone
/// and ends its association as a shutdown), so a clean run prints no Akka line at all.
/// </summary>
internal static class SampleConfig
{
    public static Config Load(FileInfo file) =>
        ConfigurationFactory.ParseString("akka.loglevel = ERROR\n" + ReliableDelivery.Hocon)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(file.FullName)));
}
