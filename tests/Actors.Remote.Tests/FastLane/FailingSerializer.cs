using Akka.Actor;
using Akka.Serialization;

namespace Actors.Remote.Tests.FastLane;

/// <summary>A message no serializer can write: bound to <see cref="FailingSerializer"/> in the lane tests.</summary>
public sealed record Unserializable(string Why);

/// <summary>A serializer that refuses every message, as a broken user serializer would.</summary>
public sealed class FailingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    public override int Identifier => 4199;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) => throw new InvalidOperationException($"cannot serialize {obj.GetType().Name} (on purpose)");

    public override object FromBinary(byte[] bytes, Type? type) => throw new InvalidOperationException("cannot deserialize (on purpose)");
}
