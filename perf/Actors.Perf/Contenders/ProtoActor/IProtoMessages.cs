using Proto.Remote;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>
/// The messages a Proto.Actor contender sends and the serializer Proto.Remote carries them with: the
/// suite's records through Hyperion, or protobuf-generated types through Proto.Remote's own serializer.
/// The actors speak through this, so both contenders run the very same scenarios.
/// </summary>
public interface IProtoMessages
{
    /// <summary>Tells Proto.Remote how to carry these messages.</summary>
    RemoteConfig Register(RemoteConfig config);

    /// <summary>A throughput message with <paramref name="payload"/> (never copied: every message of a sender shares it).</summary>
    object Data(long seq, bool ackRequested, byte[] payload);

    /// <summary>The answer to a throughput message that asked for one.</summary>
    object Ack(long seq);

    /// <summary>A latency request with <paramref name="payload"/>.</summary>
    object Echo(long seq, byte[] payload);

    /// <summary>True when <paramref name="message"/> is a throughput message that asks for an <see cref="Ack"/>.</summary>
    bool AsksForAck(object message, out long seq);

    /// <summary>True when <paramref name="message"/> is an acknowledgement.</summary>
    bool IsAck(object message, out long seq);

    /// <summary>True when <paramref name="message"/> is a latency request (the sink sends it back as it is).</summary>
    bool IsEcho(object message);
}
