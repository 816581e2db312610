namespace Actors.TestSupport;

/// <summary>One measurement a <see cref="MetricRecorder"/> kept: the instrument, the value and its tags.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    /// <summary>True when the tag <paramref name="key"/> is <paramref name="value"/>.</summary>
    public bool Has(string key, string value) => Tags.TryGetValue(key, out var actual) && actual == value;

    /// <inheritdoc />
    public override string ToString() => $"{Value} [{string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}]";
}
