using Xunit.Abstractions;
using Xunit.Sdk;

namespace Actors.Remote.Tests.Conformance;

/// <summary>A <see cref="LaneAwareFactAttribute"/> case in a leaf that skips it: skipped, saying why (kept across the runner's serialization).</summary>
public sealed class LaneSkippedTestCase : XunitTestCase
{
    private string _why = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public LaneSkippedTestCase()
    {
    }

    public LaneSkippedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string why)
        : base(diagnosticMessageSink, display, displayOptions, testMethod) =>
        _why = why;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("Why", _why);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _why = data.GetValue<string>("Why");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _why;
}
