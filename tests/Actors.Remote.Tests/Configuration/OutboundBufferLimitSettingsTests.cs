using Actors.Remote.Configuration;
using Actors.Remote.Streams;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

/// <summary><c>outbound-buffer-limit</c>: off by default on every stream transport, as Akka.Remote; a size when a user sets one.</summary>
public sealed class OutboundBufferLimitSettingsTests
{
    private const string UdsPath = "akka.remote.actors.uds";

    [Theory]
    [InlineData("akka.remote.actors.tcp")]
    [InlineData("akka.remote.actors.uds")]
    [InlineData("akka.remote.actors.pipe")]
    [InlineData("akka.remote.actors.fifo")]
    [InlineData("akka.remote.actors.apipe")]
    [InlineData("akka.remote.actors.shm")]
    public void FromConfig_ReferenceDefault_IsOffAndTheBufferSizeStaysTheCapacity(string path)
    {
        var settings = StreamTransportSettings.FromConfig(new SettingsReader(ReferenceConfig.Default.GetConfig(path), path));

        Assert.Null(settings.OutboundBufferLimit);
        Assert.Equal(settings.OutboundBufferSize, settings.OutboundCapacity);
    }

    [Fact]
    public void FromConfig_LimitSet_IsReadInUnitsAndReplacesTheBufferSizeAsCapacity()
    {
        var settings = Settings("outbound-buffer-limit = 16 MiB");

        Assert.Equal(16 * 1024 * 1024, settings.OutboundBufferLimit);
        Assert.Equal(16 * 1024 * 1024, settings.OutboundCapacity);
    }

    [Fact]
    public void FromConfig_LimitOff_IsNull()
    {
        Assert.Null(Settings("outbound-buffer-limit = off").OutboundBufferLimit);
    }

    [Fact]
    public void FromConfig_LimitSmallerThanMaximumFramePlusHeader_ThrowsNamingKeyAndValue()
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings("""
            maximum-frame-size = 64000b
            outbound-buffer-limit = 64003b
            """));

        Assert.Contains($"{UdsPath}.outbound-buffer-limit", e.Message);
        Assert.Contains("64003b", e.Message);
        Assert.Contains("64004b", e.Message);
    }

    [Fact]
    public void FromConfig_LimitNeitherOffNorASize_ThrowsNamingKeyAndValue()
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings("outbound-buffer-limit = lots"));

        Assert.Contains($"{UdsPath}.outbound-buffer-limit", e.Message);
        Assert.Contains("lots", e.Message);
    }

    private static StreamTransportSettings Settings(string overrides) =>
        StreamTransportSettings.FromConfig(new SettingsReader(ReferenceConfig.WithDefaults(ConfigurationFactory.ParseString(overrides), UdsPath), UdsPath));
}
