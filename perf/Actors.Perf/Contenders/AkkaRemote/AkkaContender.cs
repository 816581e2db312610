using Actors.Perf.Measurement;
using Actors.Perf.Partner;
using Actors.Supervision;
using Akka.Actor;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>
/// Akka.Remote over the transport a HOCON file enables (one of ours, or Akka's DotNetty): the partner
/// is this program again, in its own process, running one <see cref="Sink"/> per pair.
/// </summary>
public sealed class AkkaContender(ContenderInfo info, AkkaConfigSource config, string missingReason) : IContender
{
    // Room for Akka's envelope (recipient path, serializer id, manifest) around the payload.
    private const int EnvelopeAllowance = 4 * 1024;

    public ContenderInfo Info { get; } = info;

    public string? SkipReason => config.Exists ? null : missingReason;

    public int MaxPayloadBytes(ContenderSetup setup) => config.MaximumFrameSize(setup) - EnvelopeAllowance;

    public string? LargeMessagesUnsupportedReason => null;

    public async Task<IContenderSession> StartAsync(ContenderSetup setup, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("perf-driver", config.Load(driver: true, setup));
        try
        {
            var arguments = ThisProgram.PartnerArguments(Info.Name, ThisProgram.SetupArgument(setup));
            var partner = config.OverAnonymousPipe()
                ? await ChildActorSystem.StartOverAnonymousPipeAsync(system, ThisProgram.Path, arguments, ThisProgram.StartTimeout)
                : await ChildActorSystem.StartAsync(ThisProgram.Path, arguments, ThisProgram.StartTimeout);
            try
            {
                return await AkkaSession.ConnectAsync(system, partner.Address, partner.DisposeAsync, cancellationToken);
            }
            catch
            {
                await partner.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await system.Terminate().WaitAsync(ThisProgram.StartTimeout, CancellationToken.None);
            throw;
        }
    }

    public async Task<int> RunPartnerAsync(string? argument, CancellationToken cancellationToken)
    {
        using var system = ActorSystem.Create("perf-partner", config.Load(driver: false, ThisProgram.SetupFrom(argument)));
        Sinks.StartAll(system);
        ParentLink.TerminateWhenParentCloses(system);
        ParentLink.AnnounceReady(system);
        await system.WhenTerminated;
        return 0;
    }
}
