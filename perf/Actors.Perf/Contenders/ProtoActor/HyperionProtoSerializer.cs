using Actors.Perf.Messages;
using Google.Protobuf;
using Hyperion;
using Proto.Remote;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>
/// Proto.Remote's serializer hook carrying the suite's messages through Hyperion with the settings
/// of the shipped HOCON files, so that Proto.Actor moves the very same bytes Akka does and only the
/// remoting differs (<c>proto-remote-hyperion</c>). Proto.Actor's own way, protobuf-generated types, is
/// <see cref="ProtobufProtoMessages"/> (<c>proto-remote-protobuf</c>).
/// </summary>
public sealed class HyperionProtoSerializer : ISerializer
{
    /// <summary>Proto.Remote reserves 0 (protobuf) and 1 (JSON).</summary>
    public const int SerializerId = 2;

    // As Actors.Serialization.Hyperion builds it: no version tolerance, shared references kept, no
    // ISerializable path, the unsafe-type deny-list on (the suite's messages need no allow-list).
    private readonly Serializer _hyperion = new(new SerializerOptions(
        versionTolerance: false,
        preserveObjectReferences: true,
        surrogates: null,
        serializerFactories: null,
        knownTypes: null,
        ignoreISerializable: true,
        packageNameOverrides: null,
        disallowUnsafeTypes: true,
        typeFilter: DisabledTypeFilter.Instance));

    public ByteString Serialize(object obj)
    {
        using var stream = new MemoryStream();
        _hyperion.Serialize(obj, stream);
        return UnsafeByteOperations.UnsafeWrap(stream.ToArray());
    }

    public object Deserialize(ByteString bytes, string typeName)
    {
        using var stream = new MemoryStream(bytes.ToByteArray(), writable: false);
        return _hyperion.Deserialize(stream);
    }

    public string GetTypeName(object message) => message.GetType().FullName!;

    public bool CanSerialize(object obj) => obj is Data or Ack or Echo;
}
