namespace Consumer;

/// <summary>Sent by the first process; a user record, so it crosses through Hyperion.</summary>
public sealed record Ping(string Text, int FromProcessId);
