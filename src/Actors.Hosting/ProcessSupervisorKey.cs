namespace Actors.Hosting;

/// <summary>The <c>ActorRegistry</c> key of the supervisor that <see cref="ActorsHostingExtensions.WithProcessSupervisor"/> starts.</summary>
public sealed class ProcessSupervisorKey;
