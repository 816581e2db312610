using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hyperion;

namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>
/// The <c>allowed-types</c> list as a Hyperion <see cref="ITypeFilter"/>. A type is allowed when its name matches an entry
/// or is in <see cref="BuiltInSafeTypes"/>, and, for an array, its element type is allowed, and, for a generic type, every
/// generic argument is allowed.
/// </summary>
/// <remarks>
/// Hyperion consults the filter with the name written in the payload before it resolves the type, so a refused type is
/// never loaded, let alone instantiated. It does so for every object whose type it writes by name (all but its own
/// primitives), but it passes a generic or array type as one string and then resolves the arguments itself: that is
/// why the arguments are checked here. Only while <c>disallowUnsafeTypes</c> is on does Hyperion call a filter at all.
/// Hyperion remembers each allowed name per serializer, so the filter sees a name once; refusals are not cached here
/// (a peer could otherwise grow the cache without bound with made-up names).
/// </remarks>
internal sealed class AllowListTypeFilter : ITypeFilter
{
    private readonly ImmutableArray<string> _prefixes;
    private readonly ConcurrentDictionary<Type, TypeVerdict> _verdictsByType = new();

    /// <param name="prefixes">Validated entries of <c>allowed-types</c>; must not be empty.</param>
    public AllowListTypeFilter(ImmutableArray<string> prefixes)
    {
        if (prefixes.IsDefaultOrEmpty)
        {
            throw new ArgumentException("An allow-list needs at least one entry; use no filter for an empty list.", nameof(prefixes));
        }

        _prefixes = prefixes;
    }

    /// <inheritdoc />
    public bool IsAllowed(string typeName) => Check(typeName).IsAllowed;

    /// <summary>Judges a type name in either of the forms Hyperion passes (see <see cref="TypeNameParser"/>).</summary>
    public TypeVerdict Check(string typeName)
    {
        if (!TypeNameParser.TryParse(typeName, out var parsed))
        {
            return new TypeVerdict(false, typeName.Replace(",%core%", string.Empty, StringComparison.Ordinal));
        }

        var display = parsed.DisplayName;
        var refused = FindRefused(parsed);
        return refused is null ? new TypeVerdict(true, display) : new TypeVerdict(false, display, refused);
    }

    /// <summary>Judges a type of this process, as the sending side does; the verdicts are cached per type.</summary>
    public TypeVerdict Check(Type type) =>
        _verdictsByType.GetOrAdd(type, static (t, filter) => filter.Check(t.AssemblyQualifiedName ?? t.FullName ?? t.Name), this);

    // Returns the display name of the first part that is not allowed, or null when every part is.
    private string? FindRefused(ParsedTypeName type)
    {
        if (!IsListed(type.Name) && !BuiltInSafeTypes.Contains(type.Name, type.AssemblyName))
        {
            return type.Name;
        }

        foreach (var argument in type.GenericArguments)
        {
            if (FindRefused(argument) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    // An entry matches at a name boundary: "MyApp.Messages." matches the namespace and below; "MyApp.Ping" matches
    // MyApp.Ping, MyApp.Ping+Nested, MyApp.Ping`1 and namespace MyApp.Ping.*, never MyApp.PingPong.
    private bool IsListed(string name)
    {
        foreach (var prefix in _prefixes)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (name.Length == prefix.Length || prefix[^1] is '.' or '+' || name[prefix.Length] is '.' or '+' or '`')
            {
                return true;
            }
        }

        return false;
    }
}
