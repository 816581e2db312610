namespace Actors.Perf.Measurement;

/// <summary>What one sender measured: how many messages (or round trips) and in how long.</summary>
public sealed record PairResult(long Messages, TimeSpan Elapsed, LatencyRecorder? Latency = null);
