using Akka.Actor;

namespace ClusterSample;

/// <summary>One piece of the text to count.</summary>
public sealed record Chunk(int Id, string Text);

/// <summary>How many times each word occurs in chunk <paramref name="Id"/>, counted by <paramref name="Member"/>.</summary>
public sealed record ChunkCounted(int Id, Dictionary<string, int> Counts, Address Member);

/// <summary>The work is done: the merged counts, who counted how many chunks, and replies that came twice.</summary>
public sealed record WorkResult(Dictionary<string, long> Counts, Dictionary<Address, int> ChunksByMember, int DuplicatesIgnored);
