using Actors.Perf.Measurement;
using Actors.Perf.Partner;
using Proto;
using Proto.Remote;
using Proto.Remote.GrpcNet;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>
/// Proto.Actor with Proto.Remote (gRPC over HTTP/2 on loopback TCP) between this process and a
/// partner process, doing the same scenarios with the same messages and serializer as the Akka contenders.
/// </summary>
public sealed class ProtoContender(ContenderInfo info) : IContender
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
            return new ProtoSession(system, partner.Announcement, partner);
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
                system.Root.SpawnNamed(Props.FromProducer(() => new ProtoSink()), Scenario.SinkName(pair));
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

    internal static async Task<ActorSystem> StartSystemAsync()
    {
        var config = RemoteConfig.BindToLocalhost()
            .WithSerializer(HyperionProtoSerializer.SerializerId, 100, new HyperionProtoSerializer());
        var system = new ActorSystem().WithRemote(config);
        await system.Remote().StartAsync();
        return system;
    }
}
