using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using OfficialHyperionSerializer = Akka.Serialization.HyperionSerializer;
using OfficialHyperionSettings = Akka.Serialization.HyperionSerializerSettings;
using OurHyperionSerializer = Actors.Serialization.Hyperion.HyperionSerializer;
using OurHyperionSettings = Actors.Serialization.Hyperion.HyperionSerializerSettings;

namespace Actors.Benchmarks.Serialization;

/// <summary>
/// Our Hyperion adapter (Actors.Serialization.Hyperion, with the settings of the shipped HOCON) against Akka's own
/// (Akka.Serialization.Hyperion 1.5.75) over the same Hyperion 0.12.2: one message written to bytes and read back.
/// Akka's runs with its defaults (version tolerance on) and with its settings matched to ours (references preserved,
/// version tolerance off), so the second pair differs only in the adapter.
/// </summary>
[MemoryDiagnoser]
public class HyperionAdapterBenchmarks
{
    private ActorSystem _system = null!;
    private Serializer _serializer = null!;
    private object _message = null!;
    private Type _type = null!;

    [Params("blob-16B", "blob-1KiB", "actor-ref")]
    public string Message { get; set; } = "blob-16B";

    [Params("ours", "akka-default", "akka-matched")]
    public string Adapter { get; set; } = "ours";

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("hyperion-adapter-benchmarks", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var extended = (ExtendedActorSystem)_system;
        _serializer = Adapter switch
        {
            // What every shipped config registers: the defaults written in HyperionSerializerConfig.Hocon.
            "ours" => new OurHyperionSerializer(extended, OurHyperionSettings.Default),
            // What a user gets from Akka.Serialization.Hyperion's reference config.
            "akka-default" => new OfficialHyperionSerializer(extended, OfficialHyperionSettings.Default),
            "akka-matched" => new OfficialHyperionSerializer(extended, OfficialHyperionSettings.Create(
                ConfigurationFactory.ParseString("preserve-object-references = on\nversion-tolerance = off")
                    .WithFallback(OfficialHyperionSerializer.DefaultConfiguration().GetConfig("akka.actor.serialization-settings.hyperion")))),
            _ => throw new ArgumentOutOfRangeException(nameof(Adapter), Adapter, "expected ours, akka-default or akka-matched"),
        };
        _message = Message switch
        {
            "blob-16B" => new Blob(1_000_001, Enumerable.Range(0, 16).Select(i => (byte)i).ToArray()),
            "blob-1KiB" => new Blob(1_000_001, Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray()),
            "actor-ref" => new ReplyRequest(1_000_001, _system.ActorOf(Props.Empty, "reply-to")),
            _ => throw new ArgumentOutOfRangeException(nameof(Message), Message, "expected blob-16B, blob-1KiB or actor-ref"),
        };
        _type = _message.GetType();

        // A benchmark of a serializer that does not round-trip would measure nothing.
        if (!SameMessage(_message, RoundTrip()))
        {
            throw new InvalidOperationException($"round trip changed the message: adapter={Adapter}, message={Message}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    // Records compare a byte[] by reference, so a blob's payload is compared by content.
    private static bool SameMessage(object sent, object received) => (sent, received) switch
    {
        (Blob a, Blob b) => a.Sequence == b.Sequence && a.Payload.AsSpan().SequenceEqual(b.Payload),
        _ => sent.Equals(received),
    };

    [Benchmark]
    public object RoundTrip() => _serializer.FromBinary(_serializer.ToBinary(_message), _type);
}
