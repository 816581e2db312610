using Actors.Remote.Pipes;
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
    private readonly InProcessPipeLinks _links = new();

    protected override void ConnectSystems(ActorSystem local, ActorSystem remote) => _links.Connect(local, remote);

    protected override Task<Stream> ConnectRawAsync(Address address) => _links.OpenRawChannelAsync(Remote, Logging.GetLogger(Sys, "raw"));

    protected override void AfterAll()
    {
        base.AfterAll();
        _links.Dispose();
    }
}
