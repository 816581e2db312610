using System.Reflection;
using Xunit.Sdk;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// A conformance case that some leaves with the lane on (<see cref="LaneConformanceSpec"/>) skip, saying why; it runs in
/// every leaf with the lane off. xUnit decides skips when it discovers a case, before any instance of the leaf exists,
/// so the leaf's type decides (<see cref="LaneAwareFactDiscoverer"/>).
/// </summary>
[XunitTestCaseDiscoverer("Actors.Remote.Tests.Conformance.LaneAwareFactDiscoverer", "Actors.Conformance.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class LaneAwareFactAttribute(LaneAwareCase kind) : FactAttribute
{
    /// <summary>Why the leaf <paramref name="leaf"/> skips this case; null where it runs.</summary>
    public string? WhyNotIn(Type leaf) =>
        !typeof(LaneConformanceSpec).IsAssignableFrom(leaf) ? null
        : kind == LaneAwareCase.ClassicAssociation ? TransportConformanceSpec.ClassicAssociationOnly
        : leaf.GetCustomAttribute<LaneKeepsFilesAttribute>() is null ? TransportConformanceSpec.ListenerFilesOnly
        : null;
}
