using Actors.Remote.Configuration;
using Actors.Remote.Tests.Support;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

/// <summary>A key under akka.remote.actors that no setting reads is named, with the known key nearest to it.</summary>
public sealed class UnknownSettingsTests
{
    [Theory]
    [InlineData("apipe.conf")]
    [InlineData("bounded.conf")]
    [InlineData("cluster.conf")]
    [InlineData("fifo.conf")]
    [InlineData("lane.conf")]
    [InlineData("pipe.conf")]
    [InlineData("shm.conf")]
    [InlineData("tcp.conf")]
    [InlineData("tls.conf")]
    [InlineData("uds.conf")]
    public void A_shipped_config_has_no_unknown_setting(string file)
    {
        Assert.Empty(UnknownSettings.Find(ShippedConfig.Load(file)));
    }

    [Fact]
    public void A_misspelled_key_is_named_with_the_nearest_key_of_its_section()
    {
        var config = ShippedConfig.Load("uds.conf").WithFallback(ConfigurationFactory.ParseString("akka.remote.actors.uds.maximum-frame-sise = 2 MiB"));

        var warning = Assert.Single(UnknownSettings.Find(config));

        Assert.Equal(
            "unknown setting ignored: key=akka.remote.actors.uds.maximum-frame-sise, nearest known key=akka.remote.actors.uds.maximum-frame-size",
            warning);
    }

    [Fact]
    public void A_misspelled_section_is_named_with_the_nearest_known_key()
    {
        var config = ConfigurationFactory.ParseString("akka.remote.actors.usd.socket-directory = \"/run/app\"");

        Assert.Equal(
            ["unknown setting ignored: key=akka.remote.actors.usd.socket-directory, nearest known key=akka.remote.actors.uds.socket-directory"],
            UnknownSettings.Find(config));
    }

    [Fact]
    public void A_misspelled_key_of_a_nested_section_is_named_with_its_nearest_key()
    {
        var config = ConfigurationFactory.ParseString("akka.remote.actors.tcp.tls.certificate-pasword = x");

        var warning = Assert.Single(UnknownSettings.Find(config));

        Assert.StartsWith("unknown setting ignored: key=akka.remote.actors.tcp.tls.certificate-pasword, nearest known key=akka.remote.actors.tcp.tls.", warning);
    }

    [Fact]
    public void A_transport_s_own_security_block_holds_the_keys_of_the_shared_one()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.remote.actors.uds.security { secret = "s", socket-file-mode = "0660" }
            akka.remote.actors.shm.security.allowed-uidz = [1000]
            """);

        Assert.Equal(
            ["unknown setting ignored: key=akka.remote.actors.shm.security.allowed-uidz, nearest known key=akka.remote.actors.shm.security.allowed-uids"],
            UnknownSettings.Find(config));
    }

    [Fact]
    public void A_key_like_no_known_key_is_named_alone()
    {
        var config = ConfigurationFactory.ParseString("akka.remote.actors.uds.completely-different-thing = on");

        Assert.Equal(["unknown setting ignored: key=akka.remote.actors.uds.completely-different-thing"], UnknownSettings.Find(config));
    }

    [Fact]
    public void Each_unknown_key_is_named_once()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.remote.actors.uds.maximum-frame-sise = 2 MiB
            akka.remote.actors.shm.ring-sise = 1 MiB
            akka.remote.actors.uds.maximum-frame-size = 2 MiB
            """);

        Assert.Equal(2, UnknownSettings.Find(config).Count());
    }
}
