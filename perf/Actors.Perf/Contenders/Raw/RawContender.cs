using Actors.Perf.Measurement;
using Actors.Perf.Partner;

namespace Actors.Perf.Contenders.Raw;

/// <summary>
/// A raw baseline: the scenarios' bytes over one <see cref="IRawMechanism"/> between this process and
/// a partner process, with no actors, no serializer and no Akka. It shows what the OS allows.
/// </summary>
public sealed class RawContender(IRawMechanism mechanism) : IContender
{
    public ContenderInfo Info { get; } = new($"raw-{mechanism.Name}", ContenderInfo.Raw, mechanism.Description);

    public string? SkipReason => mechanism.SkipReason;

    public int MaxPayloadBytes(ContenderSetup setup) => int.MaxValue - RawFrame.HeaderLength - 4;

    // Its partner answers each link's frames in order, one request at a time: a round trip sent behind
    // an 8 MiB frame on the same link waits for it by construction, and a second link is another
    // connection. Sharing one connection between two streams needs framing the actor layers provide.
    public string? LargeMessagesUnsupportedReason => "a raw link cannot interleave two senders' messages";

    public async Task<IContenderSession> StartAsync(ContenderSetup setup, CancellationToken cancellationToken)
    {
        var rendezvous = mechanism.Prepare(Scenario.MaxPairs);
        PartnerProcess? partner = null;
        try
        {
            partner = await PartnerProcess.StartAsync(Info.Name, rendezvous.PartnerArgument, cancellationToken, rendezvous.AfterPartnerStarted);
            var links = await rendezvous.OpenDriverEndsAsync(cancellationToken).WaitAsync(ThisProgram.StartTimeout, cancellationToken);
            return new RawSession(links, rendezvous, partner);
        }
        catch
        {
            if (partner is not null)
            {
                await partner.DisposeAsync();
            }

            await rendezvous.DisposeAsync();
            throw;
        }
    }

    public async Task<int> RunPartnerAsync(string? argument, CancellationToken cancellationToken)
    {
        if (argument is null)
        {
            throw new ArgumentException($"the {Info.Name} partner needs --argument (the driver passes it)");
        }

        // Ready first: some mechanisms (FIFOs) block opening one end until the other side opens its own.
        PartnerProcess.AnnounceReady(Info.Name);
        using var parentGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = PartnerProcess.ParentGone().ContinueWith(_ => parentGone.Cancel(), TaskScheduler.Default);
        var links = await mechanism.OpenPartnerEndsAsync(argument, parentGone.Token).WaitAsync(ThisProgram.StartTimeout, parentGone.Token);
        try
        {
            await Task.WhenAll(links.Select(link => RawEchoLoop.RunAsync(link, parentGone.Token)));
        }
        catch (OperationCanceledException) when (parentGone.IsCancellationRequested)
        {
            // The driver is gone: nothing more to answer.
        }
        finally
        {
            foreach (var link in links)
            {
                await link.DisposeAsync();
            }
        }

        return 0;
    }
}
