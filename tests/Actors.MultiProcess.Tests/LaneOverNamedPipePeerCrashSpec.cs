using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <remarks>
/// The lane over a named-pipe connection of its own: messages to the child take it (its counter moves); the
/// child's death ends the lane's connection and reaches the watcher as over plain pipe.
/// </remarks>
public sealed class LaneOverNamedPipePeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("lane+pipe.conf", output)
{
    protected override string? LaneTransport => NamedPipeTransport.Scheme;

    protected override IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) =>
        [NamedPipeTransport.PipeName(RuntimeDirectory.Resolve(""), killedChild.Port!.Value)];
}
