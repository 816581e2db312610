using Actors.Perf.Messages;
using Proto.Remote;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>The suite's records (<see cref="Messages.Data"/>, <see cref="Messages.Ack"/>, <see cref="Messages.Echo"/>) through <see cref="HyperionProtoSerializer"/>: the bytes Akka moves.</summary>
public sealed class HyperionProtoMessages : IProtoMessages
{
    // Above the protobuf (0) and JSON (1) serializers Proto.Remote registers itself.
    private const int Priority = 100;

    public RemoteConfig Register(RemoteConfig config) =>
        config.WithSerializer(HyperionProtoSerializer.SerializerId, Priority, new HyperionProtoSerializer());

    public object Data(long seq, bool ackRequested, byte[] payload) => new Data(seq, ackRequested, payload);

    public object Ack(long seq) => new Ack(seq);

    public object Echo(long seq, byte[] payload) => new Echo(seq, payload);

    public bool AsksForAck(object message, out long seq)
    {
        seq = message is Data { AckRequested: true } data ? data.Seq : 0;
        return message is Data { AckRequested: true };
    }

    public bool IsAck(object message, out long seq)
    {
        seq = message is Ack ack ? ack.Seq : 0;
        return message is Ack;
    }

    public bool IsEcho(object message) => message is Echo;
}
