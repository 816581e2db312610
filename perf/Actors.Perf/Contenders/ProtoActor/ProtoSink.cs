using Proto;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>The partner's receiver, as <see cref="AkkaRemote.Sink"/> is for Akka.</summary>
public sealed class ProtoSink(IProtoMessages messages) : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is not { } message)
        {
            return Task.CompletedTask;
        }

        if (messages.AsksForAck(message, out var seq))
        {
            context.Respond(messages.Ack(seq));
        }
        else if (messages.IsEcho(message))
        {
            context.Respond(message);
        }

        return Task.CompletedTask;
    }
}
