using Actors.Remote.Provider;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.DeathWatch;

/// <summary>The former name of <see cref="ProcessAwareRemoteActorRefProvider"/>, kept so existing configs start; it is the same provider.</summary>
[Obsolete("Use Actors.Remote.Provider.ProcessAwareRemoteActorRefProvider, Actors.Remote: the one process-aware provider, with the lane under akka.remote.actors.lane.enabled.")]
public sealed class ActorsRemoteActorRefProvider(string systemName, Settings settings, EventStream eventStream)
    : ProcessAwareRemoteActorRefProvider(systemName, settings, eventStream);
