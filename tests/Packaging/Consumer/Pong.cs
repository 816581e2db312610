namespace Consumer;

/// <summary>The second process's answer to a <see cref="Ping"/>.</summary>
public sealed record Pong(string Text, int ByProcessId);
