namespace Actors.Serialization.Hyperion.Tests.Messages.Unlisted;

/// <summary>A message type outside every allow-list of the tests.</summary>
public sealed record Secret(string Text);
