using Akka.Actor;

namespace Actors.Remote.Diagnostics;

/// <summary>What an actor system's remoting is doing now, for diagnostics.</summary>
public static class ActorsRemoting
{
    /// <summary>
    /// The associations and lanes of <paramref name="system"/> open now, oldest first: which peer, over
    /// which transport, and whether messages take the classic path or the fast lane. A peer reached
    /// by the lane also has its classic association (system messages and the lane's barrier use it).
    /// </summary>
    public static IReadOnlyList<AssociationInfo> Associations(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return OpenAssociations.Of(system);
    }
}
