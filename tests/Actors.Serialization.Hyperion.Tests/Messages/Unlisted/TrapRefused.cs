namespace Actors.Serialization.Hyperion.Tests.Messages.Unlisted;

/// <summary>
/// Same fields as <see cref="Allowed.Cargo"/>. Nothing in the tests touches it except through bytes; its static constructor
/// records the first time the runtime initializes it, which any instance creation does, including Hyperion's
/// uninitialized objects (instance constructors do not run there, so they prove nothing).
/// </summary>
public sealed class TrapRefused
{
    public readonly int Value;

    static TrapRefused() => TrapEvidence.MarkRefusedTypeInitialized();

    public TrapRefused(int value) => Value = value;
}
