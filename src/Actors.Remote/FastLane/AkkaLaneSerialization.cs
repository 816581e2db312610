using System.Text;
using Akka.Actor;
using Akka.Serialization;

namespace Actors.Remote.FastLane;

/// <summary>
/// A lane's messages serialized as Akka.Remote would: the serializer Akka chooses, with this system's
/// lane address as the transport's, so actor references inside a message carry an address the peer can reach.
/// </summary>
internal sealed class AkkaLaneSerialization(ExtendedActorSystem system, Address localAddress, bool providerAddressIsOurs) : ILaneSerialization
{
    private readonly Serialization _serialization = system.Serialization;

    public EncodedMessage Serialize(object message)
    {
        var serializer = _serialization.FindSerializerFor(message);
        // When the provider's serialization address is the lane's own (shm the only transport, as in
        // lane.conf), Akka's cached transport information serves, without a closure per message.
        var payload = providerAddressIsOurs
            ? Serialization.WithTransport(system, (serializer, message), static state => state.serializer.ToBinary(state.message))
            : serializer.ToBinaryWithAddress(localAddress, message);
        var manifestText = Serialization.ManifestFor(serializer, message);
        var manifest = manifestText.Length == 0 ? [] : Encoding.UTF8.GetBytes(manifestText);
        if (manifest.Length > LaneRecords.MaximumManifestBytes)
        {
            throw new InvalidOperationException($"its manifest is {manifest.Length} bytes long; at most {LaneRecords.MaximumManifestBytes} fit");
        }

        return new EncodedMessage(serializer.Identifier, manifest, payload);
    }

    public object Deserialize(byte[] payload, int serializerId, string manifest) =>
        _serialization.Deserialize(payload, serializerId, manifest);
}
