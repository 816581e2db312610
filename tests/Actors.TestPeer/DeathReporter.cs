using Actors.TestSupport;
using Akka.Actor;

namespace Actors.TestPeer;

/// <summary>
/// Watches the echo actor of the peer at <paramref name="peer"/> (resolving it opens the association)
/// and says so on standard output: "WATCHING &lt;address&gt;", then "TERMINATED &lt;address&gt;" when it dies.
/// A test reads this process's output around the peer's death (see --watch).
/// </summary>
public sealed class DeathReporter : ReceiveActor
{
    public const string WatchingPrefix = "WATCHING ";
    public const string TerminatedPrefix = "TERMINATED ";

    private readonly Address _peer;

    public DeathReporter(Address peer)
    {
        _peer = peer;
        Receive<ActorIdentity>(identity =>
        {
            if (identity.Subject is { } echo)
            {
                Context.Watch(echo);
                Console.WriteLine($"{WatchingPrefix}{_peer}");
            }
            else
            {
                Console.WriteLine($"NOT FOUND {_peer}");
            }
        });
        Receive<Terminated>(terminated => Console.WriteLine($"{TerminatedPrefix}{terminated.ActorRef.Path.Address}"));
    }

    protected override void PreStart() =>
        Context.ActorSelection(new RootActorPath(_peer) / "user" / EchoActor.Name).Tell(new Identify(null));
}
