namespace Actors.Remote.FastLane;

/// <summary>How a lane turns messages into bytes and back: Akka's serialization in a running system (<see cref="AkkaLaneSerialization"/>).</summary>
internal interface ILaneSerialization
{
    /// <summary>Serializes <paramref name="message"/>; throws when it cannot.</summary>
    EncodedMessage Serialize(object message);

    /// <summary>Deserializes what <see cref="Serialize"/> wrote on the peer's side; throws when it cannot.</summary>
    object Deserialize(byte[] payload, int serializerId, string manifest);
}
