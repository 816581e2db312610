using Actors.Remote.Pipes;
using Actors.Remote.Pipes.Multiplexing;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// The anonymous pipe transport joins two systems of one process through a real pipe pair, as a parent
/// and its child would be joined. Every case of the suite applies to this point-to-point link: there is
/// no listener socket, so the bad-input cases open a channel over a second pipe pair linked to the
/// "remote" system as if from another child, and write their bytes there.
/// </summary>
public sealed class AnonymousPipeTransportConformanceSpec(ITestOutputHelper output)
    : TransportConformanceSpec("apipe.conf", AnonymousPipeTransport.ConfigPath, output)
{
    private readonly List<IDisposable> _pipes = [];
    private int _nextFakeChildId = 1_000_000_000;

    protected override void ConnectSystems(ActorSystem local, ActorSystem remote)
    {
        var toRemote = Pipe();
        var toLocal = Pipe();
        var pid = Environment.ProcessId;
        Transport(local).AddChildLink(pid, toLocal.Reader, toRemote.Writer);
        Transport(remote).AddParentLink(pid, toRemote.Reader, toLocal.Writer);
    }

    protected override async Task<Stream> ConnectRawAsync(Address address)
    {
        var toRemote = Pipe();
        var toTest = Pipe();
        Transport(Remote).AddChildLink(Interlocked.Increment(ref _nextFakeChildId), toRemote.Reader, toTest.Writer);
        var link = new LinkMultiplexer(toTest.Reader, toRemote.Writer, opensEvenChannels: false, _ => { }, Logging.GetLogger(Sys, "raw"), "raw test link");
        link.Start();
        return await link.OpenChannelAsync(CancellationToken.None);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _pipes.ForEach(p => p.Dispose());
    }

    private static AnonymousPipeTransport Transport(ActorSystem system) =>
        AnonymousPipeTransport.For(system) ?? throw new InvalidOperationException($"{system.Name} has no anonymous pipe transport");

    private InProcessPipe Pipe()
    {
        var pipe = new InProcessPipe();
        _pipes.Add(pipe);
        return pipe;
    }
}
