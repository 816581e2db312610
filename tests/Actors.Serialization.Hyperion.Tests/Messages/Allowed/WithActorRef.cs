using Akka.Actor;

namespace Actors.Serialization.Hyperion.Tests.Messages.Allowed;

/// <summary>A message carrying an actor ref, which travels as its path through Akka's surrogate.</summary>
public sealed record WithActorRef(string Text, IActorRef ReplyTo);
