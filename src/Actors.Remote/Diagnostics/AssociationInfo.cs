using Akka.Actor;

namespace Actors.Remote.Diagnostics;

/// <summary>One open association or lane of an actor system, as <see cref="ActorsRemoting.Associations"/> lists it.</summary>
/// <param name="Local">This system's address on that transport.</param>
/// <param name="Remote">The peer's address (for an inbound classic association, as the transport names it: Akka takes the real one from its own handshake).</param>
/// <param name="Transport">The transport's scheme: uds, shm, atcp, ...</param>
/// <param name="Path"><c>classic</c> (through Akka.Remote's endpoint) or <c>lane</c> (the fast lane).</param>
/// <param name="Outbound">True when this system opened it.</param>
/// <param name="OpenedAt">When it opened.</param>
public sealed record AssociationInfo(Address Local, Address Remote, string Transport, string Path, bool Outbound, DateTimeOffset OpenedAt);
