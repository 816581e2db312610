using Actors.Serialization.Hyperion;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using HyperionSerializer = Actors.Serialization.Hyperion.HyperionSerializer;

namespace Actors.Benchmarks.Serialization;

/// <summary>
/// Hyperion (the serializer every shipped config binds to System.Object) against Akka.NET's default
/// for user messages, Newtonsoft JSON, on typical messages: one message written to bytes, and read back.
/// </summary>
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private ActorSystem _system = null!;
    private Serializer _serializer = null!;
    private object _message = null!;
    private byte[] _bytes = [];
    private Type _type = null!;

    [Params(nameof(Deposit), nameof(Order), nameof(Chunk))]
    public string Message { get; set; } = nameof(Deposit);

    [Params("hyperion", "newtonsoft-json")]
    public string SerializerName { get; set; } = "hyperion";

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("serializer-benchmarks", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var extended = (ExtendedActorSystem)_system;
        _serializer = SerializerName == "hyperion"
            ? new HyperionSerializer(extended)
            : new NewtonSoftJsonSerializer(extended);
        _message = TypicalMessages.Create(Message);
        _type = _message.GetType();
        _bytes = _serializer.ToBinary(_message);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Benchmark]
    public byte[] Serialize() => _serializer.ToBinary(_message);

    [Benchmark]
    public object Deserialize() => _serializer.FromBinary(_bytes, _type);
}
