using System.Collections.Immutable;
using System.Text;

namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>
/// One type name as Hyperion hands it to a type filter, taken apart.
/// </summary>
/// <param name="Name">The type's full name without generic arguments or array suffix: <c>System.Collections.Generic.List`1</c>, <c>MyApp.Outer+Inner</c>.</param>
/// <param name="GenericArguments">The generic arguments, each a full type name of its own.</param>
/// <param name="ArraySuffix">The array part as written (<c>[]</c>, <c>[,]</c>, <c>[][]</c>); empty for a non-array.</param>
/// <param name="AssemblyName">The simple assembly name, or null when the name carries none.</param>
internal sealed record ParsedTypeName(
    string Name,
    ImmutableArray<ParsedTypeName> GenericArguments,
    string ArraySuffix,
    string? AssemblyName)
{
    /// <summary>The name without assembly qualifiers, for messages: <c>System.Collections.Generic.List`1[[MyApp.Ping]][]</c>.</summary>
    public string DisplayName
    {
        get
        {
            var text = new StringBuilder(Name);
            if (!GenericArguments.IsEmpty)
            {
                text.Append('[');
                for (var i = 0; i < GenericArguments.Length; i++)
                {
                    text.Append(i == 0 ? "[" : ",[").Append(GenericArguments[i].DisplayName).Append(']');
                }

                text.Append(']');
            }

            return text.Append(ArraySuffix).ToString();
        }
    }
}
