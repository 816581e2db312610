using Actors.Serialization.Hyperion.Tests.Messages.Unlisted;

namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>A listed message whose field is declared with an unlisted type: fine while it is null.</summary>
public sealed record Note(string Text, Secret? Attachment);
