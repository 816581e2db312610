namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// A conformance case that some leaves with the lane on skip, saying why: xUnit decides skips when it discovers a
/// case, before any instance of the leaf exists, so the leaf's type decides (<see cref="LaneAwareFactDiscoverer"/>).
/// </summary>
public abstract class LaneAwareFactAttribute : FactAttribute
{
    /// <summary>Why the leaf <paramref name="leaf"/> skips this case; null where it runs.</summary>
    public abstract string? WhyNotIn(Type leaf);
}
