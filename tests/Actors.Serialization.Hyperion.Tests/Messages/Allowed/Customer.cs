namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>A record nested inside <see cref="Order"/>.</summary>
public sealed record Customer(string Name, int Level);
