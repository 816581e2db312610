using Actors.Perf.Contenders.AkkaRemote;
using Actors.Perf.Measurement;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Perf.Contenders.Ceiling;

/// <summary>
/// The Akka.Remote ceiling: two actor systems in this process joined by <see cref="InMemoryTransport"/>.
/// Everything a remote Tell costs above the transport (serialization, envelopes, endpoint actors) is
/// paid; nothing below it is. It has no partner process by design.
/// </summary>
public sealed class CeilingContender(ContenderInfo info, AkkaConfigSource config) : IContender
{
    private const int EnvelopeAllowance = 4 * 1024;
    private const string SilentPartner = "akka.loglevel = OFF\nakka.stdout-loglevel = OFF";
    private static readonly TimeSpan TerminateTimeout = TimeSpan.FromSeconds(30);

    public ContenderInfo Info { get; } = info;

    public string? SkipReason => config.Exists ? null : $"{config.RelativePath} is missing beside the program";

    public int MaxPayloadBytes(ContenderSetup setup) => config.MaximumFrameSize(setup) - EnvelopeAllowance;

    public string? LargeMessagesUnsupportedReason => null;

    public async Task<IContenderSession> StartAsync(ContenderSetup setup, CancellationToken cancellationToken)
    {
        // The partner shares this process's console with the live display: it stays silent (when the
        // driver leaves first, Akka logs the partner's end of the association as an error).
        var partner = ActorSystem.Create("perf-partner", ConfigurationFactory.ParseString(SilentPartner).WithFallback(config.Load(driver: true, setup)));
        var driver = ActorSystem.Create("perf-driver", config.Load(driver: true, setup));
        try
        {
            Sinks.StartAll(partner);
            var partnerAddress = ((ExtendedActorSystem)partner).Provider.DefaultAddress;
            return await AkkaSession.ConnectAsync(
                driver, partnerAddress, async () => await partner.Terminate().WaitAsync(TerminateTimeout), cancellationToken);
        }
        catch
        {
            await Task.WhenAll(driver.Terminate(), partner.Terminate()).WaitAsync(TerminateTimeout, CancellationToken.None);
            throw;
        }
    }

    public Task<int> RunPartnerAsync(string? argument, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{Info.Name} runs both systems in one process; it has no partner process");
}
