namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>Declares <see cref="Body"/>, a class nested inside another class.</summary>
public static class Letter
{
    /// <summary>A nested type: its name on the wire is <c>...Letter+Body</c>.</summary>
    public sealed class Body
    {
        public Body(string text, int priority)
        {
            Text = text;
            Priority = priority;
        }

        public string Text { get; }

        public int Priority { get; }
    }
}
