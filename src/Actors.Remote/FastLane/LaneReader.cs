using System.Text;
using Actors.Remote.SharedMemory;
using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>
/// Reads one lane's records in ring order: definitions fill the table of numbered actors, messages
/// come out as deliveries to their recipients with their senders.
/// </summary>
/// <remarks>
/// A record that breaks the format (an unknown kind, a definition that is short, too long or out of
/// range, a message that names a number never defined) throws <see cref="RingCorruptedException"/>:
/// nothing after it can be trusted, and the lane closes. A message whose payload cannot be
/// deserialized is only that message's loss, as over Akka.Remote. The table holds at most
/// <see cref="LaneRecords.MaximumDefinitions"/> paths of at most <see cref="LaneRecords.MaximumPathBytes"/>
/// bytes each, whatever the peer sends. Not thread-safe: one reading thread owns it.
/// </remarks>
internal sealed class LaneReader(ILaneSerialization serialization, Func<string, IActorRef> resolve)
{
    private readonly Dictionary<int, Definition> _definitions = new();

    /// <summary>Paths the peer has defined and not replaced.</summary>
    public int DefinedActors => _definitions.Count;

    /// <summary>Applies one record: a definition yields nothing, a message its delivery (or why it cannot be delivered).</summary>
    /// <exception cref="RingCorruptedException">The record is not one a lane writer writes.</exception>
    public LaneRead Read(ReadOnlySpan<byte> record)
    {
        switch (record.IsEmpty ? (byte)0 : record[LaneRecords.KindOffset])
        {
            case LaneRecords.DefinitionKind when LaneRecords.TryReadDefinition(record, out var id, out var path):
                _definitions[id] = new Definition(path);
                return default;
            case LaneRecords.MessageKind when new LaneRecords.Message(record) is { IsWellFormed: true } message:
                return Deliver(message);
            default:
                throw new RingCorruptedException(
                    $"a lane record of kind {(record.IsEmpty ? "(empty)" : record[LaneRecords.KindOffset])} and {record.Length} bytes is not one a lane writer writes");
        }
    }

    private LaneRead Deliver(LaneRecords.Message record)
    {
        var recipient = Resolve(record.Recipient);
        var sender = record.Sender == LaneRecords.NoSender ? ActorRefs.NoSender : Resolve(record.Sender);
        try
        {
            var manifest = record.ManifestLength == 0 ? string.Empty : Encoding.UTF8.GetString(record.Manifest);
            return new LaneRead(recipient, serialization.Deserialize(record.Payload.ToArray(), record.SerializerId, manifest), sender, null);
        }
        catch (Exception e)
        {
            return new LaneRead(recipient, null, sender, e);
        }
    }

    private IActorRef Resolve(int id)
    {
        if (!_definitions.TryGetValue(id, out var definition))
        {
            throw new RingCorruptedException($"a lane message names actor number {id}, which was never defined");
        }

        return definition.Resolved ??= resolve(definition.Path);
    }

    private sealed class Definition(string path)
    {
        public string Path { get; } = path;

        public IActorRef? Resolved { get; set; }
    }
}
