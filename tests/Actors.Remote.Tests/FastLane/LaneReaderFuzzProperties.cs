using System.Buffers.Binary;
using System.Text;
using Actors.Remote.FastLane;
using Actors.Remote.SharedMemory;
using Actors.Remote.Tests.FastLane.Model;
using Akka.Actor;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.FastLane;

/// <summary>
/// Whatever a peer writes as lane records (garbage, truncated definitions, ids out of range or never
/// defined, manifest lengths past the record, paths too long or not UTF-8), the reader either refuses
/// with <see cref="RingCorruptedException"/> (the lane closes) or delivers a message to exactly the
/// actor last defined under its number: never another exception, a wrong delivery, or a table past its bound.
/// </summary>
public sealed class LaneReaderFuzzProperties : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("fuzz", "akka.loglevel = WARNING");

    [Property(MaxTest = 2000)]
    public Property Any_records_give_deliveries_to_the_defined_actor_or_the_defined_error() =>
        Prop.ForAll(Records(), records =>
        {
            var resolved = new List<string>();
            var reader = new LaneReader(new ModelSerialization(), path =>
            {
                resolved.Add(path);
                return ((ExtendedActorSystem)_system).Provider.ResolveActorRef(path);
            });

            // What the records define, read independently of the reader: the latest path for each id.
            var defined = new Dictionary<int, string>();
            foreach (var record in records)
            {
                try
                {
                    var read = reader.Read(record);
                    if (LaneRecords.TryReadDefinition(record, out var id, out var path) && record[0] == LaneRecords.DefinitionKind)
                    {
                        defined[id] = path;
                    }
                    else if (read.Recipient is not null)
                    {
                        var message = new LaneRecords.Message(record);
                        if (!defined.TryGetValue(message.Recipient, out var recipientPath) || read.Recipient.Path.ToString() != ((ExtendedActorSystem)_system).Provider.ResolveActorRef(recipientPath).Path.ToString())
                        {
                            return false.Label($"delivered to {read.Recipient.Path}, but number {message.Recipient} was defined as {recipientPath ?? "nothing"}");
                        }
                    }
                }
                catch (RingCorruptedException)
                {
                    return true.Label("refused");
                }
            }

            return (reader.DefinedActors <= LaneRecords.MaximumDefinitions).Label("table within its bound");
        });

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private static Arbitrary<byte[][]> Records() =>
        Gen.Frequency(
                (3, Garbage()),
                (3, Definition()),
                (3, Message()),
                (1, Gen.Constant(Array.Empty<byte>())))
            .ArrayOf()
            .ToArbitrary();

    private static Gen<byte[]> Garbage() => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();

    // Ids mostly small (so messages find them), sometimes out of range; paths mostly valid, sometimes too long or broken UTF-8.
    private static Gen<int> Id() =>
        Gen.Frequency((8, Gen.Choose(0, 3)), (1, Gen.Elements(-2, -1, LaneRecords.MaximumDefinitions, int.MaxValue, int.MinValue)));

    private static Gen<byte[]> Definition() =>
        from id in Id()
        from path in Gen.Frequency(
            (6, Gen.Elements("akka://fuzz/user/a", "akka://fuzz/user/b", "akka://fuzz/temp/t1").Select(p => Encoding.UTF8.GetBytes(p))),
            (1, Gen.Constant(new byte[LaneRecords.MaximumPathBytes + 1])),
            (1, Gen.Constant(new byte[] { 0xC3, 0x28 })),
            (1, Gen.Constant(Array.Empty<byte>())))
        from cut in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 8)))
        select Cut(Definition(id, path), cut);

    private static Gen<byte[]> Message() =>
        from recipient in Id()
        from sender in Gen.Frequency((2, Gen.Constant(LaneRecords.NoSender)), (6, Id()))
        from manifestLength in Gen.Frequency((6, Gen.Choose(0, 3)), (1, Gen.Elements(ushort.MaxValue, 200)))
        from payload in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
        from cut in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 20)))
        select Cut(Message(recipient, sender, manifestLength, payload), cut);

    private static byte[] Definition(int id, byte[] path)
    {
        var record = new byte[LaneRecords.DefinitionLength(path.Length)];
        LaneRecords.WriteDefinition(record, id, path);
        return record;
    }

    private static byte[] Message(int recipient, int sender, int manifestLength, byte[] payload)
    {
        // The manifest is a message number when it fits, so some messages deserialize; the claimed length may lie.
        var manifest = Encoding.UTF8.GetBytes("7")[..Math.Min(1, manifestLength)];
        var record = new byte[LaneRecords.MessageLength(manifest.Length, payload.Length)];
        LaneRecords.WriteMessage(record, recipient, sender, ModelSerialization.SerializerId, manifest, payload);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(LaneRecords.ManifestLengthOffset), (ushort)manifestLength);
        return record;
    }

    private static byte[] Cut(byte[] record, int cut) => record[..Math.Max(0, record.Length - cut)];
}
