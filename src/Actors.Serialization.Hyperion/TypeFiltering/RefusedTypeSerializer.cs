using System.Runtime.Serialization;
using Hyperion;
using Hyperion.ValueSerializers;

namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>
/// Stands in for a type the allow-list refuses, on the writing side: it throws when a value of exactly that type is about
/// to be written, so a sender never produces bytes its own allow-list would refuse to read.
/// </summary>
/// <remarks>
/// It throws only on use, not when it is built: Hyperion also builds serializers for declared field types, and a field
/// that is null, or holds a subtype, never writes the declared type's name, so a reader would not refuse it either.
/// </remarks>
internal sealed class RefusedTypeSerializer(Type type, TypeVerdict verdict) : ValueSerializer
{
    /// <inheritdoc />
    public override void WriteManifest(Stream stream, SerializerSession session) => throw Refusal();

    /// <inheritdoc />
    public override void WriteValue(Stream stream, object value, SerializerSession session) => throw Refusal();

    /// <inheritdoc />
    public override object ReadValue(Stream stream, DeserializerSession session) => throw Refusal();

    /// <inheritdoc />
    public override Type GetElementType() => type;

    private SerializationException Refusal() => new(verdict.Describe());
}
