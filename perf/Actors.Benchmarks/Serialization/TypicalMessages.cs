namespace Actors.Benchmarks.Serialization;

/// <summary>A small command: what most actor traffic looks like.</summary>
public sealed record Deposit(string AccountId, decimal Amount, long Sequence);

/// <summary>One line of an <see cref="Order"/>.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>A document-like message: nested records, a list, a dictionary, a timestamp.</summary>
public sealed record Order(Guid Id, string Customer, List<OrderLine> Lines, Dictionary<string, string> Attributes, DateTimeOffset PlacedAt);

/// <summary>A blob with a little metadata, as when actors move file chunks or frames.</summary>
public sealed record Chunk(string Name, int Index, byte[] Bytes);

/// <summary>The messages the serializer benchmarks compare, by name.</summary>
public static class TypicalMessages
{
    public static object Create(string kind) => kind switch
    {
        nameof(Deposit) => new Deposit("account-42", 125.50m, 1_000_001),
        nameof(Order) => new Order(
            Guid.Parse("6f1d2c3b-4a59-4e7d-8c1b-2a3f4e5d6c7b"),
            "customer-7",
            Enumerable.Range(0, 10).Select(i => new OrderLine($"sku-{i:000}", i + 1, 9.99m + i)).ToList(),
            new Dictionary<string, string> { ["channel"] = "web", ["currency"] = "EUR", ["priority"] = "normal" },
            new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)),
        nameof(Chunk) => new Chunk("video.mp4", 3, Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected Deposit, Order or Chunk"),
    };
}
