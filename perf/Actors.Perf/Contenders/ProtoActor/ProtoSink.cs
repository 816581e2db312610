using Actors.Perf.Messages;
using Proto;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>The partner's receiver, as <see cref="AkkaRemote.Sink"/> is for Akka.</summary>
public sealed class ProtoSink : IActor
{
    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Data { AckRequested: true } data:
                context.Respond(new Ack(data.Seq));
                break;
            case Echo echo:
                context.Respond(echo);
                break;
        }

        return Task.CompletedTask;
    }
}
