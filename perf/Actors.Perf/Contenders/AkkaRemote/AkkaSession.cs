using Actors.Perf.Measurement;
using Akka.Actor;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>A driver system with the partner's sinks resolved; runs the scenarios with <see cref="ThroughputSender"/> and <see cref="LatencyPinger"/>.</summary>
public sealed class AkkaSession : IContenderSession
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TerminateTimeout = TimeSpan.FromSeconds(30);

    private readonly ActorSystem _system;
    private readonly IReadOnlyList<IActorRef> _sinks;
    private readonly Func<ValueTask> _stopPartner;

    private AkkaSession(ActorSystem system, IReadOnlyList<IActorRef> sinks, Func<ValueTask> stopPartner)
    {
        _system = system;
        _sinks = sinks;
        _stopPartner = stopPartner;
    }

    /// <summary>Resolves the partner's sinks from <paramref name="system"/>; the session owns both from now on.</summary>
    public static async Task<AkkaSession> ConnectAsync(
        ActorSystem system, Address partner, Func<ValueTask> stopPartner, CancellationToken cancellationToken)
    {
        var sinks = new List<IActorRef>();
        for (var pair = 0; pair < Scenario.MaxPairs; pair++)
        {
            sinks.Add(await system.ActorSelection(new RootActorPath(partner) / "user" / Scenario.SinkName(pair))
                .ResolveOne(ResolveTimeout, cancellationToken));
        }

        return new AkkaSession(system, sinks, stopPartner);
    }

    public async Task<IReadOnlyList<PairResult>> RunAsync(Scenario scenario, int payloadBytes, Budget budget, CancellationToken cancellationToken)
    {
        var payload = Payloads.Create(payloadBytes);
        Func<int, TaskCompletionSource<PairResult>, IActorRef> start = (pair, done) => scenario.IsLatency
            ? _system.ActorOf(Props.Create(() => new LatencyPinger(_sinks[pair], payload, budget, done)))
            : _system.ActorOf(Props.Create(() => new ThroughputSender(_sinks[pair], payload, new SendWindow(SendWindow.For(payloadBytes, scenario.Pairs), budget), done)));
        if (scenario.BulkPayloadBytes is not { } bulkBytes)
        {
            return await PairLaunch.RunAsync(scenario, start, _system.Stop, cancellationToken);
        }

        var bulkPayload = Payloads.Create(bulkBytes);
        return await BulkLaunch.RunAsync(
            scenario,
            signals => _system.ActorOf(Props.Create(() => new BulkStreamer(_sinks[Scenario.BulkPair], bulkPayload, signals))),
            bulk => bulk.Tell(FinishBulk.Instance),
            start,
            _system.Stop,
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // The driver leaves first, so the partner sees a clean goodbye rather than a lost peer.
        try
        {
            await _system.Terminate().WaitAsync(TerminateTimeout);
        }
        finally
        {
            await _stopPartner();
        }
    }
}
