namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>An allowed message that can carry anything, to put an unlisted value inside a listed one.</summary>
public sealed record Box(object? Content);
