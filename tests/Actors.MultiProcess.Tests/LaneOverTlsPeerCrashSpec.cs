using Actors.Remote.Sockets;
using Actors.TestSupport;
using Xunit.Abstractions;

namespace Actors.MultiProcess.Tests;

/// <remarks>
/// The lane over a mutual-TLS connection of its own (atcp with TLS; parent and child present and pin one test
/// certificate): messages to the child take it (its counter moves); the death reaches the watcher as over plain
/// atcp, with the same bound. The config, with the certificate's paths, is written beside the certificate and removed with it.
/// </remarks>
public sealed class LaneOverTlsPeerCrashSpec : PeerCrashSpec
{
    private readonly TestCertificates _certificates;

    public LaneOverTlsPeerCrashSpec(ITestOutputHelper output) : this(output, new TestCertificates())
    {
    }

    private LaneOverTlsPeerCrashSpec(ITestOutputHelper output, TestCertificates certificates) : base(LaneOverTlsConfig(certificates), output) =>
        _certificates = certificates;

    protected override string? LaneTransport => TcpTransport.Scheme;

    protected override TimeSpan TerminatedBound => TimeSpan.FromSeconds(15);

    protected override void AfterAll()
    {
        base.AfterAll();
        _certificates.Dispose();
    }

    /// <summary>The shipped tls.conf, the pinned certificate, and the lane on its connections, as one file.</summary>
    private static string LaneOverTlsConfig(TestCertificates certificates)
    {
        var path = certificates.PathOf("lane+tls.conf");
        File.WriteAllText(path, string.Join('\n', File.ReadAllText(ShippedConfigs.PathOf("tls.conf")), PinnedTls.Hocon(certificates.Issue("node")), ShippedConfigs.LaneOnTheStream));
        return path;
    }
}
