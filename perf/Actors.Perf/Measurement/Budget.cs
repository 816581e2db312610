namespace Actors.Perf.Measurement;

/// <summary>
/// How long one measurement runs: for a fixed time (the normal runs) or for a fixed number of
/// messages (the tiny runs the tests make, where timing does not matter but completion does).
/// </summary>
public sealed record Budget(TimeSpan? Duration, long? Messages)
{
    public static Budget ForTime(TimeSpan duration) => new(duration, null);

    public static Budget ForMessages(long messages) => new(null, messages);

    /// <summary>True when the message numbered <paramref name="index"/> (from 0), sent at <paramref name="elapsed"/>, is the last one.</summary>
    public bool IsLast(long index, TimeSpan elapsed) =>
        Messages is { } count ? index >= count - 1 : elapsed >= Duration!.Value;

    /// <summary>A budget <paramref name="fraction"/> the size of this one, at least one message.</summary>
    public Budget Scaled(double fraction) => Messages is { } count
        ? ForMessages(Math.Max(1, (long)(count * fraction)))
        : ForTime(Duration!.Value * fraction);

    public override string ToString() => Messages is { } count ? $"{count} messages" : $"{Duration!.Value.TotalSeconds:0.##} s";
}
