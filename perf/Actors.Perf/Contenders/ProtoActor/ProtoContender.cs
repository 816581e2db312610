using Actors.Perf.Measurement;
using Actors.Perf.Partner;
using Proto;
using Proto.Remote;
using Proto.Remote.GrpcNet;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>
/// Proto.Actor with Proto.Remote (gRPC over HTTP/2 on loopback TCP) between this process and a
/// partner process, doing the same scenarios as the Akka contenders with <paramref name="messages"/>:
/// the same records through the same serializer, or Proto.Actor's own protobuf-generated messages.
/// </summary>
public sealed class ProtoContender(ContenderInfo info, IProtoMessages messages) : IContender
{
    // gRPC's default largest message is 4 MB; keep room for Proto.Remote's envelope.
    private const int GrpcMessageLimit = 4 * 1024 * 1024 - 64 * 1024;

    public ContenderInfo Info { get; } = info;

    public string? SkipReason => null;

    public int MaxPayloadBytes => GrpcMessageLimit;

    public async Task<IContenderSession> StartAsync(CancellationToken cancellationToken)
    {
        var partner = await PartnerProcess.StartAsync(Info.Name, null, cancellationToken);
        try
        {
            var system = await StartSystemAsync();
            return new ProtoSession(system, messages, partner.Announcement, partner);
        }
        catch
        {
            await partner.DisposeAsync();
            throw;
        }
    }

    public async Task<int> RunPartnerAsync(string? argument, CancellationToken cancellationToken)
    {
        var system = await StartSystemAsync();
        try
        {
            for (var pair = 0; pair < Scenario.MaxPairs; pair++)
            {
                system.Root.SpawnNamed(Props.FromProducer(() => new ProtoSink(messages)), Scenario.SinkName(pair));
            }

            PartnerProcess.AnnounceReady(system.Address);
            await PartnerProcess.ParentGone().WaitAsync(cancellationToken);
            return 0;
        }
        finally
        {
            await ProtoSession.StopAsync(system);
        }
    }

    private async Task<ActorSystem> StartSystemAsync()
    {
        var config = messages.Register(RemoteConfig.BindToLocalhost());
        var system = new ActorSystem().WithRemote(config);
        await system.Remote().StartAsync();
        return system;
    }
}
