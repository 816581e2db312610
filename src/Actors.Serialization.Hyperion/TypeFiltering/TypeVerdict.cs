namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>What the allow-list says about one type name.</summary>
/// <param name="IsAllowed">Whether the type may be written or read.</param>
/// <param name="DisplayName">The type as messages name it, without assembly qualifiers.</param>
/// <param name="RefusedPart">The element or generic argument that is not allowed, when it is not the type itself.</param>
internal readonly record struct TypeVerdict(bool IsAllowed, string DisplayName, string? RefusedPart = null)
{
    /// <summary>
    /// The sentence for a refusal; it names the type and the setting that decides. No final period: Akka.Remote appends
    /// its own text after an exception's message.
    /// </summary>
    public string Describe() => RefusedPart is null || RefusedPart == DisplayName
        ? $"Type '{DisplayName}' is not allowed by {HyperionSerializerSettings.AllowedTypesPath}"
        : $"Type '{DisplayName}' is not allowed by {HyperionSerializerSettings.AllowedTypesPath}: its part '{RefusedPart}' is not listed";
}
