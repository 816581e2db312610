using Akka.Actor;

namespace Actors.TestSupport;

/// <summary>
/// Replies to every message with the message itself. The one echo of the tests and their peer programs:
/// a peer that also takes commands of its own overrides <see cref="TryCommand"/>, and what that does not
/// take is echoed.
/// </summary>
public class EchoActor : UntypedActor
{
    /// <summary>The name the peer programs start it under: /user/echo.</summary>
    public const string Name = "echo";

    protected sealed override void OnReceive(object message)
    {
        if (!TryCommand(message))
        {
            Sender.Tell(message);
        }
    }

    /// <summary>Acts on <paramref name="message"/> if it is a command of this peer; false sends it back instead.</summary>
    protected virtual bool TryCommand(object message) => false;
}
