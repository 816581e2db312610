using Actors.Remote.Pipes;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// The lane over the parent-child pipe pair: a channel of its own on the link, beside the association's. The two
/// systems of this process are linked as a parent and its child (<see cref="InProcessPipeLinks"/>).
/// </summary>
public sealed class LaneOverAnonymousPipeConformanceSpec(ITestOutputHelper output)
    : LaneConformanceSpec(OnTheStream("apipe.conf"), AnonymousPipeTransport.ConfigPath, AnonymousPipeTransport.Scheme, output)
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
