using System.Collections.Immutable;

namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>A record with a nested record, the common collections and the value types Hyperion writes natively.</summary>
public sealed record Order(
    Guid Id,
    Customer Customer,
    List<OrderLine> Lines,
    Dictionary<string, decimal> Prices,
    ImmutableList<string> Tags,
    int[] Quantities,
    OrderLine[] Returns,
    DateTimeOffset PlacedAt,
    decimal Total);
