using Actors.Perf.Messages.Protobuf;
using Google.Protobuf;
using Proto.Remote;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>
/// Protobuf-generated messages (<c>Messages/Protobuf/perf_messages.proto</c>) through Proto.Remote's
/// own protobuf serializer: Proto.Actor as its users run it.
/// </summary>
public sealed class ProtobufProtoMessages : IProtoMessages
{
    public RemoteConfig Register(RemoteConfig config) => config.WithProtoMessages(PerfMessagesReflection.Descriptor);

    // UnsafeWrap shares the sender's array, as the records do; a user copying into a ByteString per
    // message would pay a copy the other contenders do not.
    public object Data(long seq, bool ackRequested, byte[] payload) =>
        new Data { Seq = seq, AckRequested = ackRequested, Payload = UnsafeByteOperations.UnsafeWrap(payload) };

    public object Ack(long seq) => new Ack { Seq = seq };

    public object Echo(long seq, byte[] payload) =>
        new Echo { Seq = seq, Payload = UnsafeByteOperations.UnsafeWrap(payload) };

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
