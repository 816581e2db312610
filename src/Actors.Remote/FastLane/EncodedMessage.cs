namespace Actors.Remote.FastLane;

/// <summary>A user message as its serializer wrote it: what a lane record carries besides the two actor numbers.</summary>
/// <param name="SerializerId">The serializer Akka chose for the message.</param>
/// <param name="Manifest">The serializer's manifest, UTF-8 (empty when it has none).</param>
/// <param name="Payload">The serialized message.</param>
internal readonly record struct EncodedMessage(int SerializerId, byte[] Manifest, byte[] Payload)
{
    /// <summary>The bytes of a message record carrying this message.</summary>
    public int RecordLength => LaneRecords.MessageLength(Manifest.Length, Payload.Length);
}
