using Actors.Remote.Tests.Support;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// The conformance suite with the fast lane on, one leaf per kind of link the lane takes: the cases that send
/// user messages open the lane first and fail unless the messages took it over <see cref="LaneTransport"/>;
/// the cases whose raw client speaks to the classic association are skipped (<see cref="TransportConformanceSpec.ClassicAssociationOnly"/>),
/// and so is the listener-files case where the lane keeps no file of its own (<see cref="TransportConformanceSpec.ListenerFilesOnly"/>).
/// </summary>
public abstract class LaneConformanceSpec : TransportConformanceSpec
{
    private readonly string _laneTransport;

    /// <param name="link">The config both systems run on, with the lane on.</param>
    /// <param name="sectionPath">The transport's section.</param>
    /// <param name="laneTransport">The tag user messages must travel under: the transport's scheme, or shm for a ring.</param>
    /// <param name="output">The test's output.</param>
    protected LaneConformanceSpec(Config link, string sectionPath, string laneTransport, ITestOutputHelper output)
        : base(link, sectionPath, output) =>
        _laneTransport = laneTransport;

    protected sealed override string LaneTransport => _laneTransport;

    /// <summary>
    /// <paramref name="link"/> with the lane on and <c>lane.shared-memory = off</c>: two systems of one process share a
    /// machine, and this keeps their lane on the link's connections.
    /// </summary>
    protected static Config OnTheStream(Config link) =>
        ConfigurationFactory.ParseString("""
            akka.remote.actors.lane.enabled = on
            akka.remote.actors.lane.shared-memory = off
            """).WithFallback(link);

    /// <summary>The shipped <paramref name="configFile"/> with the lane on its connections (<see cref="OnTheStream(Config)"/>).</summary>
    protected static Config OnTheStream(string configFile) => OnTheStream(ShippedConfig.Load(configFile));
}
