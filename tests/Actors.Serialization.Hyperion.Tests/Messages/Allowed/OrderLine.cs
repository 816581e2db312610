namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>An element of the collections inside <see cref="Order"/>.</summary>
public sealed record OrderLine(string Sku, int Quantity);
