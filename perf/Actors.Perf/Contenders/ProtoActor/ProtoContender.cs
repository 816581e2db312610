using Actors.Perf.Measurement;
using Actors.Perf.Partner;
using Grpc.Net.Client;
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
    // gRPC's default largest message a channel receives is 4 MB (Proto.Remote's server takes any size);
    // a Proto.Actor user with larger messages lifts the channel's limits through WithChannelOptions. No
    // limit rather than a raised one: Proto.Remote batches many messages into one gRPC message.
    private const int GrpcMessageLimit = 4 * 1024 * 1024;
    private const int NoGrpcMessageLimit = int.MaxValue;

    // Room for Proto.Remote's envelope around the payload.
    private const int EnvelopeAllowance = 64 * 1024;

    public ContenderInfo Info { get; } = info;

    public string? SkipReason => null;

    public int MaxPayloadBytes(ContenderSetup setup) =>
        (setup == ContenderSetup.LargeMessages ? NoGrpcMessageLimit : GrpcMessageLimit) - EnvelopeAllowance;

    public string? LargeMessagesUnsupportedReason => null;

    public async Task<IContenderSession> StartAsync(ContenderSetup setup, CancellationToken cancellationToken)
    {
        var partner = await PartnerProcess.StartAsync(Info.Name, ThisProgram.SetupArgument(setup), cancellationToken);
        try
        {
            var system = await StartSystemAsync(setup);
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
        var system = await StartSystemAsync(ThisProgram.SetupFrom(argument));
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

    private async Task<ActorSystem> StartSystemAsync(ContenderSetup setup)
    {
        var config = messages.Register(RemoteConfig.BindToLocalhost());
        if (setup == ContenderSetup.LargeMessages)
        {
            config = config.WithChannelOptions(new GrpcChannelOptions
            {
                MaxReceiveMessageSize = null,
                MaxSendMessageSize = null,
            });
        }

        var system = new ActorSystem().WithRemote(config);
        await system.Remote().StartAsync();
        return system;
    }
}
