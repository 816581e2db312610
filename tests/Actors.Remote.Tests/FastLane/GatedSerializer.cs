using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace Actors.Remote.Tests.FastLane;

/// <summary>A large message whose deserialization waits on a gate the test opens (none registered: it does not wait).</summary>
/// <param name="Gate">The gate's key in <see cref="GatedSerializer"/>.</param>
/// <param name="Payload">Its bulk.</param>
public sealed record GatedLarge(Guid Gate, byte[] Payload);

/// <summary>
/// Serializes <see cref="GatedLarge"/>; <c>FromBinary</c> blocks until the message's gate opens (at most
/// <see cref="GateTimeout"/>, so a failing test never leaves a reader stuck), as a slow deserialization of a large
/// message would hold the thread that reads it.
/// </summary>
public sealed class GatedSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>The longest a gate holds a deserialization.</summary>
    public static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<Guid, ManualResetEventSlim> s_gates = new();

    public override int Identifier => 4198;

    public override bool IncludeManifest => false;

    /// <summary>A closed gate; dispose the result to open and forget it.</summary>
    public static Gate Close()
    {
        var key = Guid.NewGuid();
        s_gates[key] = new ManualResetEventSlim(false);
        return new Gate(key);
    }

    public override byte[] ToBinary(object obj)
    {
        var message = (GatedLarge)obj;
        var bytes = new byte[16 + message.Payload.Length];
        message.Gate.TryWriteBytes(bytes);
        message.Payload.CopyTo(bytes, 16);
        return bytes;
    }

    public override object FromBinary(byte[] bytes, Type? type)
    {
        var gate = new Guid(bytes.AsSpan(0, 16));
        if (s_gates.TryGetValue(gate, out var opened))
        {
            opened.Wait(GateTimeout);
        }

        return new GatedLarge(gate, bytes[16..]);
    }

    /// <summary>A gate the test holds closed until it opens it (or disposes it).</summary>
    public sealed class Gate(Guid key) : IDisposable
    {
        public Guid Key { get; } = key;

        public void Open()
        {
            if (s_gates.TryGetValue(Key, out var gate))
            {
                gate.Set();
            }
        }

        public void Dispose()
        {
            Open();
            s_gates.TryRemove(Key, out _);
        }
    }
}
