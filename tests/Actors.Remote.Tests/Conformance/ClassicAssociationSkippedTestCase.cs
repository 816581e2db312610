using Xunit.Abstractions;
using Xunit.Sdk;

namespace Actors.Remote.Tests.Conformance;

/// <summary>A <see cref="ClassicAssociationFactAttribute"/> case in a leaf with the lane on: skipped, saying why.</summary>
public sealed class ClassicAssociationSkippedTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ClassicAssociationSkippedTestCase()
    {
    }

    public ClassicAssociationSkippedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => TransportConformanceSpec.ClassicAssociationOnly;
}
