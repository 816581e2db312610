using System.Globalization;
using System.Text;
using Actors.Remote.FastLane;

namespace Actors.Remote.Tests.FastLane.Model;

/// <summary>
/// Serializes a <see cref="ModelMessage"/> to exactly its payload size (0 bytes included), its number
/// in the manifest and a pattern derived from the number in the payload, so a payload cut, shifted or
/// swapped with another reads back wrong. An unserializable message throws, as a failing serializer does.
/// </summary>
internal sealed class ModelSerialization : ILaneSerialization
{
    public const int SerializerId = 777;

    /// <summary>The manifest of message <paramref name="seq"/>: its number.</summary>
    public static int ManifestBytes(int seq) => seq.ToString(CultureInfo.InvariantCulture).Length;

    public EncodedMessage Serialize(object message)
    {
        var model = (ModelMessage)message;
        if (!model.Serializable)
        {
            throw new InvalidOperationException($"message {model.Seq} cannot be serialized (on purpose)");
        }

        var payload = new byte[model.PayloadBytes];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = Pattern(model.Seq, i);
        }

        return new EncodedMessage(SerializerId, Encoding.UTF8.GetBytes(model.Seq.ToString(CultureInfo.InvariantCulture)), payload);
    }

    public object Deserialize(byte[] payload, int serializerId, string manifest)
    {
        if (serializerId != SerializerId || !int.TryParse(manifest, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            throw new InvalidOperationException($"not a model message: serializer {serializerId}, manifest '{manifest}'");
        }

        for (var i = 0; i < payload.Length; i++)
        {
            if (payload[i] != Pattern(seq, i))
            {
                throw new InvalidOperationException($"payload of message {seq} damaged at byte {i}");
            }
        }

        return new ModelMessage(seq, payload.Length, true);
    }

    private static byte Pattern(int seq, int index) => (byte)(seq * 31 + index * 7);
}
