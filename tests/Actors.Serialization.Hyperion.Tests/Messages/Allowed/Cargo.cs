namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>
/// A harmless type whose bytes are rewritten to name a trap type of the same shape
/// (<see cref="Unlisted.TrapRefused"/>, <see cref="Unlisted.TrapControl"/>).
/// </summary>
public sealed class Cargo
{
    public readonly int Value;

    public Cargo(int value) => Value = value;
}
