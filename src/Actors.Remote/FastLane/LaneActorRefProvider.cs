using Actors.Remote.Provider;
using Akka.Actor;
using Akka.Event;

namespace Actors.Remote.FastLane;

/// <summary>The former name of <see cref="ProcessAwareRemoteActorRefProvider"/>, kept so existing configs start; it is the same provider (the lane follows <c>akka.remote.actors.lane.enabled</c>).</summary>
[Obsolete("Use Actors.Remote.Provider.ProcessAwareRemoteActorRefProvider, Actors.Remote: the one process-aware provider, with the lane under akka.remote.actors.lane.enabled.")]
public sealed class LaneActorRefProvider(string systemName, Settings settings, EventStream eventStream)
    : ProcessAwareRemoteActorRefProvider(systemName, settings, eventStream);
