using Actors.Serialization.Hyperion.Tests.Messages.Allowed;
using Actors.Serialization.Hyperion.Tests.Messages.Unlisted;
using Akka.Actor;

namespace Actors.Serialization.Hyperion.Tests.Support;

/// <summary>The remote end of the remoting spec: echoes what arrives and, on request, sends an unlisted message itself.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        Receive<SendUnlistedThenPing>(command =>
        {
            command.Target.Tell(new Secret("sent by the listed system"));
            command.Target.Tell(new Ping(command.Sequence));
        });
        ReceiveAny(message => Sender.Tell(message));
    }
}
