using Xunit.Sdk;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// A conformance case whose raw client speaks to the classic association's listener: it runs in every leaf
/// with the lane off and is skipped, saying <see cref="TransportConformanceSpec.ClassicAssociationOnly"/>, in the
/// leaves with the lane on (<see cref="LaneConformanceSpec"/>).
/// </summary>
[XunitTestCaseDiscoverer("Actors.Remote.Tests.Conformance.LaneAwareFactDiscoverer", "Actors.Remote.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClassicAssociationFactAttribute : LaneAwareFactAttribute
{
    public override string? WhyNotIn(Type leaf) =>
        typeof(LaneConformanceSpec).IsAssignableFrom(leaf) ? TransportConformanceSpec.ClassicAssociationOnly : null;
}
