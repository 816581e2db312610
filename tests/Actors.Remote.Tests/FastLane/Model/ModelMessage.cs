namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>A message of the model-based test: its number in the run, the size of its payload, and whether its serializer fails.</summary>
public sealed record ModelMessage(int Seq, int PayloadBytes, bool Serializable);
