namespace Actors.Remote.Tests.Conformance;

/// <summary>Marks a leaf with the lane on whose lane keeps files of its own (a shm ring's lane listener socket).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LaneKeepsFilesAttribute : Attribute;
