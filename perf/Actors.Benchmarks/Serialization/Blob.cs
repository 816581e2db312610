namespace Actors.Benchmarks.Serialization;

/// <summary>A sequence number and an opaque payload: the shape of most data an actor passes on.</summary>
public sealed record Blob(long Sequence, byte[] Payload);
