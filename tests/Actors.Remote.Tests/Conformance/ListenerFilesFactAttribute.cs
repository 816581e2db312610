using System.Reflection;
using Xunit.Sdk;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// A conformance case about the files listeners keep: it runs in every leaf with the lane off, and with the lane on
/// only where the lane keeps files of its own (<see cref="LaneKeepsFilesAttribute"/>); elsewhere it is skipped,
/// saying <see cref="TransportConformanceSpec.ListenerFilesOnly"/>.
/// </summary>
[XunitTestCaseDiscoverer("Actors.Remote.Tests.Conformance.LaneAwareFactDiscoverer", "Actors.Remote.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ListenerFilesFactAttribute : LaneAwareFactAttribute
{
    public override string? WhyNotIn(Type leaf) =>
        typeof(LaneConformanceSpec).IsAssignableFrom(leaf) && leaf.GetCustomAttribute<LaneKeepsFilesAttribute>() is null
            ? TransportConformanceSpec.ListenerFilesOnly
            : null;
}
