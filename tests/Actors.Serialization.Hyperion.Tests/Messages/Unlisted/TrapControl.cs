namespace Actors.Serialization.Hyperion.Tests.Messages.Unlisted;

/// <summary>
/// Twin of <see cref="TrapRefused"/> for the positive control: read by a serializer without a list, it is created, and its
/// static constructor leaves the evidence the refused twin must not leave.
/// </summary>
public sealed class TrapControl
{
    public readonly int Value;

    static TrapControl() => TrapEvidence.MarkControlTypeInitialized();

    public TrapControl(int value) => Value = value;
}
