namespace Actors.Remote.Provider;

/// <summary>
/// A provider that honours Actors' transports: fast death news and the lane. Both of ours implement it
/// (<see cref="ProcessAwareRemoteActorRefProvider"/> and Actors.Cluster's <c>ActorsClusterActorRefProvider</c>);
/// a transport that finds another provider warns at start (<see cref="Diagnostics.ProviderCheck"/>).
/// </summary>
public interface IProcessAwareProvider
{
    /// <summary>What the provider adds to Akka's; null until the provider's <c>Init</c> has run.</summary>
    ProcessAwareRemoting? Remoting { get; }
}
