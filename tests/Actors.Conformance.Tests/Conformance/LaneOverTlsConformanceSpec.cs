using Actors.Remote.Sockets;
using Actors.Remote.Streams;
using Actors.Remote.Tests.Support;
using Actors.TestSupport;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// The lane over mutual-TLS connections of its own (atcp with TLS, one pinned certificate), beside the classic
/// association. A raw client here passes TLS with that certificate, so its bytes reach what lies behind it.
/// </summary>
public sealed class LaneOverTlsConformanceSpec : LaneConformanceSpec
{
    private readonly TestCertificates _certificates;

    public LaneOverTlsConformanceSpec(ITestOutputHelper output) : this(output, new TestCertificates())
    {
    }

    private LaneOverTlsConformanceSpec(ITestOutputHelper output, TestCertificates certificates)
        : base(OnTheStream(TlsLink(certificates)), TcpTransport.ConfigPath, TcpTransport.Scheme, output) =>
        _certificates = certificates;

    protected override async Task<Stream> ConnectRawAsync(Address address)
    {
        var tls = ((TcpTransport)StreamLaneRegistry.TransportFor(Sys, $"akka.{TcpTransport.Scheme}")!).Tls!;
        var tcp = await RawConnections.TcpAsync(address);
        try
        {
            using var deadline = new CancellationTokenSource(Timeout);
            return await TlsStreams.ConnectAsync(tcp, tls, address.Host!, deadline.Token);
        }
        catch
        {
            await tcp.DisposeAsync();
            throw;
        }
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _certificates.Dispose();
    }

    private static Config TlsLink(TestCertificates certificates) =>
        ConfigurationFactory.ParseString(PinnedTls.Hocon(certificates.Issue("node"))).WithFallback(ShippedConfig.Load("tls.conf"));
}
