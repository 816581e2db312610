using System.Collections.Concurrent;
using Akka.Util;
using Hyperion.SerializerFactories;
using Hyperion.ValueSerializers;
using HySerializer = Hyperion.Serializer;

namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>
/// Applies the allow-list on the writing side to every type Hyperion meets inside a message, not only to the message's own
/// type (which is all Hyperion itself checks when writing).
/// </summary>
/// <remarks>
/// Installed first among Hyperion's serializer factories, it is asked once per type, the first time Hyperion needs a
/// serializer for it, and answers with a <see cref="RefusedTypeSerializer"/> for a type that is not allowed; Hyperion keeps
/// that answer for the life of the serializer. Types that Akka's surrogate replaces (<see cref="ISurrogated"/>, such as
/// actor refs) are left to the surrogate, whose own type is checked in turn.
/// </remarks>
internal sealed class AllowListSerializerFactory(AllowListTypeFilter filter) : ValueSerializerFactory
{
    /// <inheritdoc />
    public override bool CanSerialize(HySerializer serializer, Type type) =>
        !typeof(ISurrogated).IsAssignableFrom(type) && !filter.Check(type).IsAllowed;

    /// <inheritdoc />
    public override bool CanDeserialize(HySerializer serializer, Type type) => false;

    /// <inheritdoc />
    public override ValueSerializer BuildSerializer(
        HySerializer serializer,
        Type type,
        ConcurrentDictionary<Type, ValueSerializer> typeMapping) =>
        typeMapping.GetOrAdd(type, static (t, f) => new RefusedTypeSerializer(t, f.Check(t).Describe()), filter);
}
