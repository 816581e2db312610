using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>The system at the other end of a lane: its shared-memory address and the uid of this incarnation of it, which quarantine names.</summary>
/// <param name="Address">The peer's address as Akka knows it (<c>akka.shm://...</c>).</param>
/// <param name="Uid">The peer system's uid (<see cref="Akka.Remote.AddressUidExtension"/>).</param>
internal sealed record LanePeer(Address Address, int Uid)
{
    /// <inheritdoc />
    public override string ToString() => $"{Address}#{Uid}";
}
