using System.Diagnostics;
using HdrHistogram;

namespace Actors.Perf.Measurement;

/// <summary>Round-trip times in an HdrHistogram (nanoseconds, 3 significant digits, up to a minute).</summary>
public sealed class LatencyRecorder
{
    private readonly LongHistogram _histogram = new(TimeSpan.FromMinutes(1).Ticks * 100, 3);

    public long Count => _histogram.TotalCount;

    /// <summary>Records one round trip that started at <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void RecordSince(long startTimestamp)
    {
        var nanoseconds = (long)(Stopwatch.GetElapsedTime(startTimestamp).Ticks * 100L);
        _histogram.RecordValue(Math.Max(1, nanoseconds));
    }

    /// <summary>The value at <paramref name="percentile"/> (0-100), in microseconds.</summary>
    public double PercentileMicroseconds(double percentile) =>
        _histogram.GetValueAtPercentile(percentile) / 1000.0;
}
