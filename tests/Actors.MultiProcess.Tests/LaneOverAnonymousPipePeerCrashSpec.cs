using Actors.Remote.Pipes;
using Actors.Supervision;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <remarks>
/// The peer is started as a child over an anonymous pipe pair, and its lane is a channel of its own on that pair:
/// messages to the child take it (its counter moves); the child's SIGKILL closes the pipe, ending the lane and
/// the association at once.
/// </remarks>
public sealed class LaneOverAnonymousPipePeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("lane+apipe.conf", output)
{
    protected override string? LaneTransport => AnonymousPipeTransport.Scheme;

    protected override Task<ChildActorSystem> StartPeerAsync(string[] arguments) =>
        ChildActorSystem.StartOverAnonymousPipeAsync(Sys, PeerDll, arguments, ReadyTimeout);
}
