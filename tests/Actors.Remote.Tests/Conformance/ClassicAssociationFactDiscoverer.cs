using Xunit.Abstractions;
using Xunit.Sdk;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// Finds <see cref="ClassicAssociationFactAttribute"/> cases: a plain fact in a leaf with the lane off, a skipped one
/// in a leaf with the lane on. xUnit decides skips when it discovers a case, before any instance of the leaf exists,
/// so the leaf's kind (its base class) decides, not a property of it.
/// </summary>
public sealed class ClassicAssociationFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        typeof(LaneConformanceSpec).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType())
            ? new ClassicAssociationSkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
}
