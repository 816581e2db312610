using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Akka.Actor;

namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>
/// The types every allow-list accepts on top of its entries, because ordinary messages are made of them.
/// Each is matched by full name and by the assembly that really defines it, so a look-alike
/// <c>System.String, EvilAssembly</c> is refused.
/// </summary>
internal static class BuiltInSafeTypes
{
    private static readonly Type[] s_exactTypes =
    [
        // Primitives and the value types Hyperion writes field by field (TimeSpan, DateOnly, ...) or names in generic arguments.
        typeof(object), typeof(bool), typeof(char), typeof(string),
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(Int128), typeof(UInt128), typeof(Half), typeof(float), typeof(double), typeof(decimal),
        typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly), typeof(Guid),
        typeof(Nullable<>),

        // Hyperion writes every Dictionary<,> entry as a DictionaryEntry.
        typeof(DictionaryEntry),

        // What Akka's ISurrogated surrogate turns IActorRef, ActorPath and Address fields into.
        typeof(ActorRefBase.Surrogate), typeof(ActorPath.Surrogate), typeof(Address.AddressSurrogate),
        typeof(Nobody.NobodySurrogate),
    ];

    private static readonly FrozenDictionary<string, string> s_exact =
        s_exactTypes.ToFrozenDictionary(type => type.FullName!, AssemblyNameOf, StringComparer.Ordinal);

    private static readonly string[] s_collectionNamespaces = ["System.Collections.Generic.", "System.Collections.Immutable."];

    // The assemblies that define System.Collections.Generic and System.Collections.Immutable types on this runtime.
    private static readonly FrozenSet<string> s_collectionAssemblies =
        new[] { typeof(List<>), typeof(SortedSet<>), typeof(ImmutableList<>) }
            .Select(AssemblyNameOf)
            .ToFrozenSet(StringComparer.Ordinal);

    private static readonly string s_coreAssembly = AssemblyNameOf(typeof(object));

    /// <summary>
    /// True when <paramref name="name"/> (without generic arguments or array suffix) is a built-in safe type defined in
    /// <paramref name="assembly"/>. Generic arguments are checked separately by the caller.
    /// </summary>
    public static bool Contains(string name, string? assembly)
    {
        // Type.GetType resolves a name without assembly in the core library, so treat it as such.
        assembly ??= s_coreAssembly;
        if (s_exact.TryGetValue(name, out var definingAssembly))
        {
            return string.Equals(definingAssembly, assembly, StringComparison.Ordinal);
        }

        foreach (var prefix in s_collectionNamespaces)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return s_collectionAssemblies.Contains(assembly);
            }
        }

        return false;
    }

    private static string AssemblyNameOf(Type type) => type.Assembly.GetName().Name!;
}
