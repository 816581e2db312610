namespace Actors.Remote.Tests.Conformance;

/// <summary>What a <see cref="LaneAwareFactAttribute"/> case tests, which decides the leaves with the lane on that skip it.</summary>
public enum LaneAwareCase
{
    /// <summary>A raw client speaks to the classic association's listener: skipped in every leaf with the lane on.</summary>
    ClassicAssociation,

    /// <summary>The files listeners keep: skipped in the leaves with the lane on whose lane keeps none (no <see cref="LaneKeepsFilesAttribute"/>).</summary>
    ListenerFiles,
}
