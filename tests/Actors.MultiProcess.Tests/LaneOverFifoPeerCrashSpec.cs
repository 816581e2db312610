using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Akka.Actor;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <remarks>
/// The lane over a FIFO pair of its own: messages to the child take it (its counter moves); the child's death
/// ends the lane's FIFOs and reaches the watcher as over plain fifo. The survivor removes the request FIFO.
/// </remarks>
public sealed class LaneOverFifoPeerCrashSpec(ITestOutputHelper output) : PeerCrashSpec("lane+fifo.conf", output)
{
    protected override string? LaneTransport => FifoTransport.Scheme;

    protected override IEnumerable<string> FilesRemovedBySurvivor(Address killedChild) =>
        [FifoNames.RequestPath(RuntimeDirectory.Resolve(""), killedChild.Port!.Value)];
}
