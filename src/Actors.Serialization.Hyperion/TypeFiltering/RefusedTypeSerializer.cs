using System.Runtime.Serialization;
using Hyperion;
using Hyperion.ValueSerializers;

namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>
/// Stands in for a refused type: it throws when a value of exactly that type is about to be written (so a sender never
/// produces bytes its own rules would refuse to read) or read (<see cref="DelegateRefusingSerializerFactory"/>).
/// </summary>
/// <remarks>
/// It throws only on use, not when it is built: Hyperion also builds serializers for declared field types, and a field
/// that is null, or holds a subtype, never writes the declared type's name, so a reader would not refuse it either.
/// </remarks>
/// <param name="type">The refused type.</param>
/// <param name="refusal">The sentence that says why, naming the setting that decides.</param>
internal sealed class RefusedTypeSerializer(Type type, string refusal) : ValueSerializer
{
    /// <inheritdoc />
    public override void WriteManifest(Stream stream, SerializerSession session) => throw Refusal();

    /// <inheritdoc />
    public override void WriteValue(Stream stream, object value, SerializerSession session) => throw Refusal();

    /// <inheritdoc />
    public override object ReadValue(Stream stream, DeserializerSession session) => throw Refusal();

    /// <inheritdoc />
    public override Type GetElementType() => type;

    private SerializationException Refusal() => new(refusal);
}
