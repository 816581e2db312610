using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Actors.Remote.Diagnostics.ExpectedDeaths;
using Actors.Remote.Handshake;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Sockets;

/// <summary>The TCP transport under TLS, on the shipped tls.conf with certificates made at run time.</summary>
public sealed class TlsTransportTests(ITestOutputHelper output) : TestKit(output: output), IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly TestCertificates _certificates = new();
    private readonly List<ActorSystem> _systems = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var system in _systems)
            {
                await system.Terminate().WaitAsync(Bound);
            }
        }
        finally
        {
            _certificates.Dispose();
        }
    }

    [Fact]
    public async Task Mutual_TLS_with_pinned_certificates_and_a_secret_file_carries_messages()
    {
        var node = _certificates.Issue("node");
        var secretFile = _certificates.PathOf("secret");
        await File.WriteAllTextAsync(secretFile, "a-shared-secret-from-a-file\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var tls = $"""
            certificate-pfx = "{node.Pfx}"
            certificate-password = "{TestCertificates.PfxPassword}"
            require-client-certificate = on
            pinned-sha256-thumbprints = ["{node.Thumbprint}"]
            """;
        var security = $"akka.remote.actors.security.secret-file = \"{secretFile}\"";

        var server = Start("tls-server", tls, security);
        var client = Start("tls-client", tls, security);

        await AssertEchoesAsync(client, server);
    }

    [Fact]
    public async Task Pem_pair_trusted_through_a_CA_file_carries_messages()
    {
        var node = _certificates.Issue("pem-node");
        var tls = $"""
            certificate-pem = "{node.Pem}"
            private-key-pem = "{node.Key}"
            trusted-ca-pem = "{node.Pem}"
            """;

        var server = Start("pem-server", tls);
        var client = Start("pem-client", tls);

        await AssertEchoesAsync(client, server);
    }

    [Fact]
    public async Task Client_that_does_not_trust_the_servers_certificate_is_refused_with_a_clear_error()
    {
        var serverCertificate = _certificates.Issue("server");
        var clientCertificate = _certificates.Issue("client");
        var server = Start("untrusted-server", Pfx(serverCertificate, pin: serverCertificate));
        var client = Start("untrusted-client", Pfx(clientCertificate, pin: clientCertificate));
        var logs = CreateTestProbe(client);
        client.EventStream.Subscribe(logs.Ref, typeof(LogEvent));

        var resolve = await Record.ExceptionAsync(() => client.ActorSelection(EchoPath(server)).ResolveOne(TimeSpan.FromSeconds(5)));

        Assert.NotNull(resolve);
        await logs.FishForMessageAsync<LogEvent>(
            e => $"{e.Message} {e.Cause}".Contains($"the server's certificate is refused: its SHA-256 thumbprint {serverCertificate.Thumbprint} is not among pinned-sha256-thumbprints"),
            Bound);
    }

    [Fact]
    public async Task Client_with_the_system_trust_store_refuses_a_self_signed_server()
    {
        var node = _certificates.Issue("self-signed");
        var server = Start("self-signed-server", Pfx(node, pin: node));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, AddressOf(server).Port!.Value).WaitAsync(Bound);
        await using var ssl = new SslStream(tcp.GetStream());

        var e = await Assert.ThrowsAsync<AuthenticationException>(() => ssl.AuthenticateAsClientAsync("127.0.0.1").WaitAsync(Bound));

        Assert.Contains("remote certificate", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Plain_client_is_refused_by_a_TLS_listener_which_logs_why_and_keeps_serving()
    {
        var node = _certificates.Issue("plain-refused");
        var server = Start("plain-server", Pfx(node, pin: node));
        var logs = CreateTestProbe(server);
        server.EventStream.Subscribe(logs.Ref, typeof(Warning));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, AddressOf(server).Port!.Value).WaitAsync(Bound);

        await Assert.ThrowsAsync<HandshakeException>(() => Handshaker.ExchangeAsync(tcp.GetStream(), Bound, CancellationToken.None));

        await logs.FishForMessageAsync<Warning>(w => $"{w.Message}".Contains("refused an inbound connection: TLS with the client failed"), Bound);
        await AssertEchoesAsync(Start("plain-after", Pfx(node, pin: node)), server);
    }

    [Fact]
    public async Task A_TLS_peer_on_this_machine_is_named_by_the_kernel_both_ways_for_its_death_news()
    {
        var node = _certificates.Issue("vouched");
        var server = Start("vouched-server", Pfx(node, pin: node, mutual: true));
        var client = Start("vouched-client", Pfx(node, pin: node, mutual: true));

        await AssertEchoesAsync(client, server);

        // Both systems live in this process: the kernel names it at the other end of each TLS connection, under the
        // address dialed (the client's view) and under the hello's address, whose listener it holds (the server's).
        Assert.Equal(Environment.ProcessId, PeerFates.NamedIn(AddressOf(server).ToString())?.ProcessId);
        await AwaitAssertAsync(() => Assert.Equal(Environment.ProcessId, PeerFates.NamedIn(AddressOf(client).ToString())?.ProcessId), Bound);
    }

    [Fact]
    public async Task Mutual_TLS_refuses_a_client_that_presents_no_certificate()
    {
        var node = _certificates.Issue("mutual");
        var server = Start("mutual-server", Pfx(node, pin: node, mutual: true));
        var logs = CreateTestProbe(server);
        server.EventStream.Subscribe(logs.Ref, typeof(Warning));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, AddressOf(server).Port!.Value).WaitAsync(Bound);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);

        // Under TLS 1.3 the client learns of the refusal on its first read, not during its handshake.
        var refused = await Record.ExceptionAsync(async () =>
        {
            await ssl.AuthenticateAsClientAsync("127.0.0.1").WaitAsync(Bound);
            Assert.Equal(0, await ssl.ReadAsync(new byte[64]).AsTask().WaitAsync(Bound));
        });

        Assert.True(refused is null or IOException or AuthenticationException, $"unexpected: {refused}");
        await logs.FishForMessageAsync<Warning>(w => $"{w.Message}".Contains("the client's certificate is refused: it presented none"), Bound);
    }

    [Theory]
    [InlineData("", "set exactly one of certificate-pfx")]
    [InlineData("certificate-pfx = \"missing.pfx\"", "tls.certificate-pfx cannot be loaded")]
    public async Task Start_TlsWithoutAUsableCertificate_FailsNamingTheSetting(string tls, string expected)
    {
        var e = await Record.ExceptionAsync(() => Task.Run(() => Start("tls-bad", tls)).WaitAsync(Bound));

        Assert.NotNull(e);
        Assert.Contains(expected, ExceptionChain.Flatten(e));
    }

    private static string Pfx(IssuedCertificate certificate, IssuedCertificate pin, bool mutual = false) => $"""
        certificate-pfx = "{certificate.Pfx}"
        certificate-password = "{TestCertificates.PfxPassword}"
        pinned-sha256-thumbprints = ["{pin.Thumbprint}"]
        require-client-certificate = {(mutual ? "on" : "off")}
        """;

    /// <summary>
    /// A system on the shipped tls.conf whose example files are cleared, then <paramref name="tls"/>
    /// inside the tls section and <paramref name="extra"/> at the top level.
    /// </summary>
    private ActorSystem Start(string name, string tls, string extra = "")
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.remote.actors.tcp.tls {
              {{tls}}
            }
            {{extra}}
            """)
            .WithFallback(ConfigurationFactory.ParseString("""
                akka.remote.actors.tcp.tls {
                  certificate-pfx = "", certificate-password = "", trusted-ca-pem = "", require-client-certificate = off
                }
                akka.remote.actors.security.secret-file = ""
                """))
            .WithFallback(ShippedConfig.Load("tls.conf"));
        var system = ActorSystem.Create(name, config);
        _systems.Add(system);
        system.ActorOf(Props.Create(() => new EchoActor()), "echo");
        return system;
    }

    private async Task AssertEchoesAsync(ActorSystem client, ActorSystem server)
    {
        var echo = await client.ActorSelection(EchoPath(server)).ResolveOne(Bound);
        var reply = await echo.Ask<Ping>(new Ping(7, "over tls"), Bound);
        Assert.Equal(new Ping(7, "over tls"), reply);
    }

    private static ActorPath EchoPath(ActorSystem system) => new RootActorPath(AddressOf(system)) / "user" / "echo";

    private static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;
}
