using System.Collections.Concurrent;
using Hyperion.SerializerFactories;
using Hyperion.ValueSerializers;
using HySerializer = Hyperion.Serializer;

namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>
/// Refuses delegates and expression trees on both sides while <c>allow-delegates = off</c> (the default), with or
/// without an allow-list.
/// </summary>
/// <remarks>
/// A delegate names a method and its target, and Hyperion rebuilds both from the bytes: a peer could make the receiver
/// hold, and perhaps call, any method it likes. An expression tree is code too, compiled at will. Hyperion's own
/// deny-list lets both through, and with no allow-list it calls no type filter at all, so the refusal sits among the
/// serializer factories, which Hyperion asks once a type is known: for writing, and for reading once the name in the
/// bytes is resolved, before any instance exists.
/// </remarks>
internal sealed class DelegateRefusingSerializerFactory : ValueSerializerFactory
{
    private const string ExpressionsNamespace = "System.Linq.Expressions";

    /// <summary>True for a delegate type or a type of <c>System.Linq.Expressions</c>.</summary>
    public static bool IsRefused(Type type) =>
        typeof(Delegate).IsAssignableFrom(type)
        || type.Namespace is { } ns && (ns == ExpressionsNamespace || ns.StartsWith(ExpressionsNamespace + ".", StringComparison.Ordinal));

    /// <inheritdoc />
    public override bool CanSerialize(HySerializer serializer, Type type) => IsRefused(type);

    /// <inheritdoc />
    public override bool CanDeserialize(HySerializer serializer, Type type) => IsRefused(type);

    /// <inheritdoc />
    public override ValueSerializer BuildSerializer(
        HySerializer serializer,
        Type type,
        ConcurrentDictionary<Type, ValueSerializer> typeMapping) =>
        typeMapping.GetOrAdd(type, static t => new RefusedTypeSerializer(t, Refusal(t)));

    private static string Refusal(Type type) =>
        $"Type '{type.FullName ?? type.Name}' is a delegate or an expression tree, code a peer could make this process run: " +
        $"refused while {HyperionSerializerSettings.AllowDelegatesPath} = off";
}
