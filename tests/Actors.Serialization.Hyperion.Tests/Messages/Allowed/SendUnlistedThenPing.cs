using Akka.Actor;

namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>Asks the remote echo actor to send an unlisted message to <paramref name="Target"/>, then a <see cref="Ping"/>.</summary>
public sealed record SendUnlistedThenPing(IActorRef Target, int Sequence);
