namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>A mutable node, for cyclic graphs (reference equality, so Hyperion tracks it by identity).</summary>
public sealed class Node
{
    public Node(string name) => Name = name;

    public string Name { get; }

    public Node? Next { get; set; }
}
