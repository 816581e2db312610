using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Actors.Remote.Diagnostics;

/// <summary>
/// The instruments of the <c>Actors.Remote</c> meter, created once. Every measurement carries the tags
/// <c>system</c> (the local actor system's name), <c>transport</c> (uds, shm, atcp, ...) and <c>path</c>
/// (classic: frames through Akka.Remote's endpoint; lane: the fast lane); see <see cref="MetricTags"/>.
/// </summary>
/// <remarks>
/// Hot paths add through pre-built tag arrays (no allocation), and the lane's reader adds once per run
/// of messages. With no listener an add is a check of an empty subscription list.
/// </remarks>
public static class RemoteMetrics
{
    /// <summary>The meter's name, as <c>dotnet-counters</c> and OpenTelemetry's <c>AddMeter</c> take it.</summary>
    public const string MeterName = "Actors.Remote";

    private static readonly Meter s_meter = new(MeterName, typeof(RemoteMetrics).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> MessagesSent =
        s_meter.CreateCounter<long>("actors.remote.messages.sent", "{message}", "Messages handed to a transport or the lane to send.");

    internal static readonly Counter<long> MessagesReceived =
        s_meter.CreateCounter<long>("actors.remote.messages.received", "{message}", "Messages received from peers.");

    internal static readonly Counter<long> BytesSent =
        s_meter.CreateCounter<long>("actors.remote.bytes.sent", "By", "Payload bytes handed to a transport or the lane to send.");

    internal static readonly Counter<long> BytesReceived =
        s_meter.CreateCounter<long>("actors.remote.bytes.received", "By", "Payload bytes received from peers.");

    internal static readonly Counter<long> BackPressureWaits =
        s_meter.CreateCounter<long>(
            "actors.remote.backpressure.waits", "{wait}", "Sends that found no room: a transport write refused (Akka retries) or a lane message held until the ring drains.");

    internal static readonly Counter<long> LaneOverflows =
        s_meter.CreateCounter<long>("actors.remote.lane.overflows", "{message}", "Lane messages sent to dead letters because pending-limit messages were already waiting.");

    internal static readonly Counter<long> OutboundDrops =
        s_meter.CreateCounter<long>("actors.remote.outbound.dropped", "{message}", "Frames dropped because the outbound buffer was full and outbound-buffer-limit is set.");

    internal static readonly Counter<long> HandshakesRefused =
        s_meter.CreateCounter<long>("actors.remote.handshakes.refused", "{handshake}", "Connections refused or failed during the hello, by reason.");

    internal static readonly Histogram<double> PeerDeathToTerminated =
        s_meter.CreateHistogram<double>(
            "actors.remote.peer.death.duration", "ms", "From the transport learning that a peer's connection ended to the publication of its confirmed process exit (Terminated follows).");

    static RemoteMetrics()
    {
        s_meter.CreateObservableUpDownCounter(
            "actors.remote.associations.open", OpenAssociations.CountByPath, "{association}", "Associations and lanes open now (path classic or lane).");
        s_meter.CreateObservableGauge(
            "actors.remote.lane.ring.usage", OpenAssociations.RingUsage, "By", "Bytes written into an outbound lane's ring and not yet read, per peer.");
        s_meter.CreateObservableGauge(
            "actors.remote.lane.ring.capacity", OpenAssociations.RingCapacity, "By", "The record capacity of an outbound lane's ring, per peer.");
    }

    /// <summary>A connection was refused (or failed) during its hello; <paramref name="reason"/> is one of <see cref="Handshake.HandshakeRefusal"/>'s.</summary>
    internal static void HandshakeRefused(string system, string transport, string path, string reason)
    {
        if (HandshakesRefused.Enabled)
        {
            var tags = new TagList { { MetricTags.System, system }, { MetricTags.Transport, transport }, { MetricTags.Path, path }, { MetricTags.Reason, reason } };
            HandshakesRefused.Add(1, in tags);
        }
    }

    /// <summary>A peer's confirmed exit was published; its connection ended at <paramref name="endedAtTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    internal static void PeerDeathPublished(string system, string transport, long endedAtTimestamp)
    {
        if (PeerDeathToTerminated.Enabled)
        {
            var tags = new TagList { { MetricTags.System, system }, { MetricTags.Transport, transport } };
            PeerDeathToTerminated.Record(Stopwatch.GetElapsedTime(endedAtTimestamp).TotalMilliseconds, in tags);
        }
    }
}
