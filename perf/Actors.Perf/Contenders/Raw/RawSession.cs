using Actors.Perf.Measurement;
using Actors.Perf.Partner;

namespace Actors.Perf.Contenders.Raw;

/// <summary>The driver's open links to a raw partner; pair i uses link i.</summary>
public sealed class RawSession(IReadOnlyList<IRawLink> links, IRawRendezvous rendezvous, PartnerProcess partner) : IContenderSession
{
    public async Task<IReadOnlyList<PairResult>> RunAsync(Scenario scenario, int payloadBytes, Budget budget, CancellationToken cancellationToken)
    {
        var payload = Payloads.Create(payloadBytes);
        var window = SendWindow.For(payloadBytes, scenario.Pairs);
        return await Task.WhenAll(Enumerable.Range(0, scenario.Pairs).Select(pair => Task.Run(
            () => scenario.IsLatency
                ? RawDriver.LatencyAsync(links[pair], payload, budget, cancellationToken)
                : RawDriver.ThroughputAsync(links[pair], payload, new SendWindow(window, budget), cancellationToken),
            cancellationToken)));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Closing the links ends the partner's loops; closing its input ends the partner.
            foreach (var link in links)
            {
                await link.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                await partner.DisposeAsync();
            }
            finally
            {
                await rendezvous.DisposeAsync();
            }
        }
    }
}
