namespace PingPong;

/// <summary>A ping; the partner answers each with a <see cref="Pong"/> of the same number.</summary>
public sealed record Ping(int Seq);

public sealed record Pong(int Seq);
