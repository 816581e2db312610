namespace ClusterSample;

/// <summary>The text the cluster counts, and counting itself.</summary>
internal static class Text
{
    private static readonly string[] s_vocabulary =
    [
        "actor", "mailbox", "message", "process", "ring", "memory", "socket", "pipe", "cluster", "member",
        "gossip", "leader", "seed", "lane", "tell", "reply", "watch", "terminated", "supervisor", "restart",
    ];

    /// <summary><paramref name="chunks"/> chunks of 200 words each, the same on every run.</summary>
    public static IReadOnlyList<Chunk> Generate(int chunks)
    {
        var random = new Random(2026);
        return Enumerable.Range(0, chunks)
            .Select(id => new Chunk(id, string.Join(' ', Enumerable.Range(0, 200).Select(_ => s_vocabulary[(int)(Math.Pow(random.NextDouble(), 2) * s_vocabulary.Length)]))))
            .ToList();
    }

    /// <summary>How many times each word occurs in <paramref name="text"/>.</summary>
    public static Dictionary<string, int> CountWords(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        return counts;
    }
}
