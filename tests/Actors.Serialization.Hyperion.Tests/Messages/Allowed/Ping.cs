namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>The allowed message of the remoting tests.</summary>
public sealed record Ping(int Sequence);
