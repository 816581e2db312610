using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Actors.TestSupport;

/// <summary>
/// Records what the instruments of one meter measure for the actor systems of one test. A
/// <see cref="MeterListener"/> hears every instrument of the process, and tests run in parallel: only
/// measurements whose <c>system</c> tag names one of this test's systems are kept.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly MeterListener _listener = new();
    private readonly HashSet<string> _systems;
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    /// <param name="meterName">The meter, e.g. <c>Actors.Remote</c>.</param>
    /// <param name="systems">The names of this test's actor systems (unique to the test).</param>
    public MetricRecorder(string meterName, params string[] systems)
    {
        _systems = new HashSet<string>(systems, StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> kept so far whose tags include <paramref name="tags"/>; observable instruments are read first.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, params (string Key, string Value)[] tags)
    {
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Has(t.Key, t.Value))).ToArray();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements with <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) => Of(instrument, tags).Sum(m => m.Value);

    /// <summary>Waits (at most <paramref name="timeout"/>) until the measurements of <paramref name="instrument"/> with <paramref name="tags"/> satisfy <paramref name="condition"/>.</summary>
    /// <exception cref="TimeoutException">They did not in time; the message lists what was recorded.</exception>
    public async Task<IReadOnlyList<RecordedMeasurement>> WaitForAsync(
        string instrument, Func<IReadOnlyList<RecordedMeasurement>, bool> condition, TimeSpan timeout, params (string Key, string Value)[] tags)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var measurements = Of(instrument, tags);
            if (condition(measurements))
            {
                return measurements;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"{instrument} with [{string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}] did not reach the expected state within {timeout.TotalSeconds:0} s: " +
                    $"recorded {string.Join("; ", measurements)}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        var copy = new Dictionary<string, string?>(tags.Length, StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        if (copy.TryGetValue("system", out var system) && system is not null && _systems.Contains(system))
        {
            _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value.ToDouble(null), copy));
        }
    }
}
