using Actors.Supervision;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <summary>The peer is started as a child over an anonymous pipe pair; its SIGKILL closes the pipe.</summary>
public sealed class AnonymousPipePeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("apipe.conf", output)
{
    protected override Task<ChildActorSystem> StartPeerAsync(string[] arguments) =>
        ChildActorSystem.StartOverAnonymousPipeAsync(Sys, PeerDll, arguments, ReadyTimeout);
}
