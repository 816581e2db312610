using Actors.Hosting;
using Akka.Configuration;

namespace Actors.Hosting.Tests;

/// <summary>The options name what is wrong, and turn into the keys reference.conf reads.</summary>
public sealed class ActorsRemotingOptionsSpec
{
    [Theory]
    [InlineData("port", "invalid Actors remoting option: Port=70000, expected=0 to 65535")]
    [InlineData("secret", "invalid Actors remoting option: Secret length=5, minimum=16")]
    [InlineData("both-secrets", "invalid Actors remoting option: SecretFile=/run/app.secret, expected=not set together with Secret")]
    [InlineData("tls-on-uds", "invalid Actors remoting option: Tls=set, expected=only with Transport=Tcp, got Transport=Uds")]
    [InlineData("tls-without-certificate", "invalid Actors remoting option: Tls.CertificatePfx=, expected=exactly one of CertificatePfx or CertificatePem+PrivateKeyPem")]
    public void An_invalid_option_is_refused_with_a_message_naming_it(string wrong, string message)
    {
        var options = new ActorsRemotingOptions();
        switch (wrong)
        {
            case "port": options.Port = 70000; break;
            case "secret": options.Secret = "short"; break;
            case "both-secrets": (options.Secret, options.SecretFile) = ("0123456789abcdef", "/run/app.secret"); break;
            case "tls-on-uds": options.Tls = new ActorsTlsOptions { CertificatePfx = "node.pfx" }; break;
            case "tls-without-certificate": (options.Transport, options.Tls) = (ActorsTransport.Tcp, new ActorsTlsOptions()); break;
        }

        var error = Assert.Throws<ArgumentException>(() => ActorsRemotingHocon.Build(options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tcp_with_TLS_a_secret_file_and_a_runtime_directory_becomes_the_keys_of_reference_conf()
    {
        var options = new ActorsRemotingOptions
        {
            Transport = ActorsTransport.Tcp,
            Port = 2552,
            Hostname = "10.0.0.5",
            SecretFile = "/etc/app/actors.secret",
            Tls = new ActorsTlsOptions { CertificatePfx = "/etc/app/node.pfx", CertificatePassword = "p\"w", RequireClientCertificate = true },
        };
        options.Tls.PinnedSha256Thumbprints.Add("AB01");

        var config = ConfigurationFactory.ParseString(ActorsRemotingHocon.Build(options));

        Assert.Equal(["akka.remote.actors.tcp"], config.GetStringList("akka.remote.enabled-transports"));
        Assert.Equal("Actors.Remote.Sockets.TcpTransport, Actors.Remote", config.GetString("akka.remote.actors.tcp.transport-class"));
        Assert.Equal(2552, config.GetInt("akka.remote.actors.tcp.port"));
        Assert.Equal("10.0.0.5", config.GetString("akka.remote.actors.tcp.hostname"));
        Assert.True(config.GetBoolean("akka.remote.actors.tcp.tls.enabled"));
        Assert.Equal("/etc/app/node.pfx", config.GetString("akka.remote.actors.tcp.tls.certificate-pfx"));
        Assert.Equal("p\"w", config.GetString("akka.remote.actors.tcp.tls.certificate-password"));
        Assert.True(config.GetBoolean("akka.remote.actors.tcp.tls.require-client-certificate"));
        Assert.Equal(["AB01"], config.GetStringList("akka.remote.actors.tcp.tls.pinned-sha256-thumbprints"));
        Assert.Equal("/etc/app/actors.secret", config.GetString("akka.remote.actors.security.secret-file"));
        Assert.Equal("hyperion", config.GetString("akka.actor.serialization-bindings.\"System.Object\""));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.remote.watch-failure-detector.acceptable-heartbeat-pause"));
    }

    [Theory]
    [InlineData(ActorsTransport.Uds)]
    [InlineData(ActorsTransport.Tcp)]
    public void The_lane_is_one_switch_whatever_the_transport(ActorsTransport transport)
    {
        var options = new ActorsRemotingOptions { Transport = transport, LaneEnabled = true };

        var config = ConfigurationFactory.ParseString(ActorsRemotingHocon.Build(options));

        Assert.True(config.GetBoolean("akka.remote.actors.lane.enabled"));
    }

    [Fact]
    public void Shm_with_the_lane_and_a_runtime_directory_puts_every_file_of_it_there()
    {
        var options = new ActorsRemotingOptions { Transport = ActorsTransport.Shm, LaneEnabled = true, RuntimeDirectory = "/run/app" };

        var config = ConfigurationFactory.ParseString(ActorsRemotingHocon.Build(options));

        Assert.True(config.GetBoolean("akka.remote.actors.lane.enabled"));
        foreach (var key in new[] { "shm.socket-directory", "shm.segment-directory", "lane.socket-directory", "lane.segment-directory" })
        {
            Assert.Equal("/run/app", config.GetString($"akka.remote.actors.{key}"));
        }
    }

    [Fact]
    public void A_seed_that_is_not_an_address_is_refused_with_a_message_naming_it()
    {
        var options = new ActorsClusterOptions();
        options.SeedNodes.Add("shm-host-1");

        var error = Assert.Throws<ArgumentException>(() => ActorsRemotingHocon.BuildCluster(options));

        Assert.StartsWith("invalid Actors cluster option: SeedNodes=shm-host-1, expected=an address such as akka.shm://app@host:1", error.Message, StringComparison.Ordinal);
    }
}
