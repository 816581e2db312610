using Actors.TestSupport;
using Akka.Actor;

namespace Actors.ClusterPeer;

/// <summary>Sends every message back to its sender; answers <see cref="DescribeSender"/> with the kind of reference the sender is.</summary>
public sealed class MemberEchoActor : EchoActor
{
    protected override bool TryCommand(object message)
    {
        if (message is not DescribeSender)
        {
            return false;
        }

        Sender.Tell(Sender.GetType().Name);
        return true;
    }
}
