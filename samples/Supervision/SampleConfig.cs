using Actors.Cluster;
using Akka.Configuration;

namespace Supervision;

/// <summary>
/// The user's HOCON plus what Akka.Delivery needs, with Akka's own chatter turned down to warnings: the
/// sample narrates what happens itself (at INFO the workers' start-up and shutdown lines would bury it).
/// The planned kill shows as the supervisor's one warning, no association error: the transport confirms
/// the worker's process is gone and Akka's lines about that association are dropped
/// (<c>ExpectedDeathLogFilter</c>). A run that loses a job still says so in its last line and exits 1.
/// </summary>
internal static class SampleConfig
{
    public static Config Load(FileInfo file) =>
        ConfigurationFactory.ParseString("akka.loglevel = WARNING\n" + ReliableDelivery.Hocon)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(file.FullName)));
}
