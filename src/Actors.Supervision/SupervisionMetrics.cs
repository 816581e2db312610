using System.Diagnostics.Metrics;

namespace Actors.Supervision;

/// <summary>
/// The instruments of the <c>Actors.Supervision</c> meter, created once: starts, failed starts, crashes,
/// restarts and give-ups of supervised peers, each tagged <c>system</c> (the supervisor's actor system) and <c>peer</c>
/// (the peer's name).
/// </summary>
public static class SupervisionMetrics
{
    /// <summary>The meter's name, as <c>dotnet-counters</c> and OpenTelemetry's <c>AddMeter</c> take it.</summary>
    public const string MeterName = "Actors.Supervision";

    private static readonly Meter s_meter = new(MeterName, typeof(SupervisionMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> s_starts =
        s_meter.CreateCounter<long>("actors.supervision.peer.starts", "{start}", "Peers whose first start succeeded.");

    private static readonly Counter<long> s_crashes =
        s_meter.CreateCounter<long>("actors.supervision.peer.crashes", "{crash}", "Peer processes that ended without being asked to.");

    private static readonly Counter<long> s_restarts =
        s_meter.CreateCounter<long>("actors.supervision.peer.restarts", "{restart}", "Peers started again after a crash.");

    private static readonly Counter<long> s_startFailures =
        s_meter.CreateCounter<long>("actors.supervision.peer.start_failures", "{failure}", "Starts that failed before the peer announced it was ready (PeerStartFailed).");

    private static readonly Counter<long> s_giveUps =
        s_meter.CreateCounter<long>("actors.supervision.peer.give_ups", "{give_up}", "Peers the supervisor stopped restarting (too many restarts within the window).");

    /// <summary>Counts <paramref name="peerEvent"/>, published by the supervisor of <paramref name="system"/>; other events are not counted.</summary>
    internal static void Record(PeerEvent peerEvent, string system)
    {
        var counter = peerEvent switch
        {
            PeerStarted => s_starts,
            PeerCrashed => s_crashes,
            PeerRestarted => s_restarts,
            PeerGaveUp => s_giveUps,
            PeerStartFailed => s_startFailures,
            _ => null,
        };
        if (counter is { Enabled: true })
        {
            counter.Add(1, new KeyValuePair<string, object?>("system", system), new KeyValuePair<string, object?>("peer", peerEvent.Name));
        }
    }
}
