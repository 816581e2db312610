using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Remote.Diagnostics;

namespace Actors.ClusterPeer;

/// <summary>
/// Counts the user messages this process sent by the fast lane, per link transport (<c>atcp</c> for a TCP connection
/// of the lane's own, <c>shm</c> for a ring), from the <c>Actors.Remote</c> meter: what a test in another network
/// namespace reads from this member's standard output.
/// </summary>
internal sealed class LaneTraffic : IDisposable
{
    private const string MeterName = "Actors.Remote";
    private const string SentInstrument = "actors.remote.messages.sent";

    private readonly ConcurrentDictionary<string, long> _sentByTransport = new();
    private readonly MeterListener _listener = new();

    public LaneTraffic()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == SentInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnSent);
        _listener.Start();
    }

    /// <summary>"atcp=12 shm=0": the lane's sends so far by link transport, sorted by name.</summary>
    public string Describe() =>
        string.Join(' ', _sentByTransport.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public void Dispose() => _listener.Dispose();

    private void OnSent(Instrument instrument, long count, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? transport = null;
        var onLane = false;
        foreach (var tag in tags)
        {
            onLane |= tag is { Key: MetricTags.Path, Value: MetricTags.Lane };
            transport = tag.Key == MetricTags.Transport ? tag.Value as string : transport;
        }

        if (onLane && transport is not null)
        {
            _sentByTransport.AddOrUpdate(transport, count, (_, sent) => sent + count);
        }
    }
}
