using Akka.Actor;

namespace Actors.TestPeer;

/// <summary>Asks the peer's echo actor to send <paramref name="Count"/> <see cref="FromPeer"/> messages to <paramref name="Target"/>.</summary>
public sealed record SendTo(IActorRef Target, int Count);

/// <summary>A message the peer started itself, numbered from 0.</summary>
public sealed record FromPeer(int Seq, int ProcessId);
