using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace Actors.Remote.Tests.FastLane;

/// <summary>A message whose serialization waits on a gate the test opens: it holds the sending side's endpoint writer, and so every classic message after it.</summary>
/// <param name="Gate">The gate's key in <see cref="SendGatedSerializer"/>.</param>
public sealed record SendGated(Guid Gate);

/// <summary>Serializes <see cref="SendGated"/>; <c>ToBinary</c> blocks until the message's gate opens (at most <see cref="GateTimeout"/>).</summary>
public sealed class SendGatedSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>The longest a gate holds a serialization, so a failing test never leaves a writer stuck.</summary>
    public static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<Guid, ManualResetEventSlim> s_gates = new();

    public override int Identifier => 4199;

    public override bool IncludeManifest => false;

    /// <summary>A closed gate; <see cref="Open"/> opens and forgets it.</summary>
    public static Guid Close()
    {
        var key = Guid.NewGuid();
        s_gates[key] = new ManualResetEventSlim(false);
        return key;
    }

    public static void Open(Guid key)
    {
        if (s_gates.TryRemove(key, out var gate))
        {
            gate.Set();
        }
    }

    public override byte[] ToBinary(object obj)
    {
        var gate = ((SendGated)obj).Gate;
        if (s_gates.TryGetValue(gate, out var opened))
        {
            opened.Wait(GateTimeout);
        }

        return gate.ToByteArray();
    }

    public override object FromBinary(byte[] bytes, Type? type) => new SendGated(new Guid(bytes));
}
