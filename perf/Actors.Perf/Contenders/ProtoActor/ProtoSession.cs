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
        Func<int, TaskCompletionSource<PairResult>, PID> start = (pair, done) =>
        {
            var sink = SinkOf(pair);
            return system.Root.Spawn(scenario.IsLatency
                ? Props.FromProducer(() => new ProtoLatencyPinger(messages, sink, payload, budget, done))
                : Props.FromProducer(() => new ProtoThroughputSender(messages, sink, payload, new SendWindow(SendWindow.For(payloadBytes, scenario.Pairs), budget), done)));
        };
        if (scenario.BulkPayloadBytes is not { } bulkBytes)
        {
            return await PairLaunch.RunAsync(scenario, start, system.Root.Stop, cancellationToken);
        }

        var bulkPayload = Payloads.Create(bulkBytes);
        return await BulkLaunch.RunAsync(
            scenario,
            signals => system.Root.Spawn(Props.FromProducer(() => new ProtoBulkStreamer(messages, SinkOf(Scenario.BulkPair), bulkPayload, signals))),
            bulk => system.Root.Send(bulk, FinishBulk.Instance),
            start,
            system.Root.Stop,
            cancellationToken);
    }

    private PID SinkOf(int pair) => PID.FromAddress(partnerAddress, Scenario.SinkName(pair));

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
