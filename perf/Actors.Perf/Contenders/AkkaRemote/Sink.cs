using Actors.Perf.Messages;
using Akka.Actor;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>The partner's receiver: acknowledges what asks for it and echoes latency requests.</summary>
public sealed class Sink : ReceiveActor
{
    public Sink()
    {
        Receive<Data>(data =>
        {
            if (data.AckRequested)
            {
                Sender.Tell(new Ack(data.Seq));
            }
        });
        Receive<Echo>(echo => Sender.Tell(echo));
    }
}
