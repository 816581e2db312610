using Xunit.Abstractions;
using Xunit.Sdk;

namespace Actors.Remote.Tests.Conformance;

/// <summary>Finds <see cref="LaneAwareFactAttribute"/> cases: a plain fact where the leaf runs it, a skipped one, saying why, where it does not.</summary>
public sealed class LaneAwareFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        ((IReflectionAttributeInfo)factAttribute).Attribute is LaneAwareFactAttribute fact && fact.WhyNotIn(testMethod.TestClass.Class.ToRuntimeType()) is { } why
            ? new LaneSkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, why)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
}
