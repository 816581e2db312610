using Actors.Perf.Measurement;
using Actors.Perf.Partner;
using Proto;
using Proto.Remote;

namespace Actors.Perf.Contenders.ProtoActor;

/// <summary>A Proto.Actor driver system talking to the partner's sinks.</summary>
public sealed class ProtoSession(ActorSystem system, IProtoMessages messages, string partnerAddress, PartnerProcess partner) : IContenderSession
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    public async Task<IReadOnlyList<PairResult>> RunAsync(Scenario scenario, int payloadBytes, Budget budget, CancellationToken cancellationToken)
    {
        var payload = Payloads.Create(payloadBytes);
        return await PairLaunch.RunAsync(
            scenario,
            (pair, done) =>
            {
                var sink = PID.FromAddress(partnerAddress, Scenario.SinkName(pair));
                return system.Root.Spawn(scenario.IsLatency
                    ? Props.FromProducer(() => new ProtoLatencyPinger(messages, sink, payload, budget, done))
                    : Props.FromProducer(() => new ProtoThroughputSender(messages, sink, payload, new SendWindow(SendWindow.For(payloadBytes, scenario.Pairs), budget), done)));
            },
            system.Root.Stop,
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(system);
        }
        finally
        {
            await partner.DisposeAsync();
        }
    }

    internal static async Task StopAsync(ActorSystem system)
    {
        await system.Remote().ShutdownAsync().WaitAsync(StopTimeout);
        await system.ShutdownAsync().WaitAsync(StopTimeout);
    }
}
