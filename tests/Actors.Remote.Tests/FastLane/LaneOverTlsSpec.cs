using Actors.Remote.Tests.Support;
using Actors.TestSupport;
using Akka.Configuration;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.FastLane;

/// <summary>The lane over mutual-TLS connections of its own beside the classic association (atcp with TLS, pinned certificates).</summary>
public sealed class LaneOverTlsSpec : LaneSpec
{
    private readonly TestCertificates _certificates;

    public LaneOverTlsSpec(ITestOutputHelper output) : this(output, new TestCertificates())
    {
    }

    private LaneOverTlsSpec(ITestOutputHelper output, TestCertificates certificates) : base(output, OnTheStream(TlsLink(certificates))) =>
        _certificates = certificates;

    protected override void AfterAll()
    {
        base.AfterAll();
        _certificates.Dispose();
    }

    private static Config TlsLink(TestCertificates certificates) =>
        ConfigurationFactory.ParseString(PinnedTls.Hocon(certificates.Issue("node"))).WithFallback(ShippedConfig.Load("tls.conf"));
}
