namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>A class with readonly fields and no parameterless constructor.</summary>
public sealed class Point
{
    public readonly int X;
    public readonly string Label;

    public Point(int x, string label)
    {
        X = x;
        Label = label;
    }
}
