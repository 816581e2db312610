using Actors.Remote.Configuration;
using Actors.Remote.FastLane;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

/// <summary>
/// <c>lane.shared-memory</c>: auto unless told off, and a value that is neither is refused saying what is allowed;
/// <c>lane.large-message-threshold</c>: 256 KiB unless told otherwise, <c>off</c> for one channel.
/// </summary>
public sealed class LaneSettingsTests
{
    [Fact]
    public void Shared_memory_is_auto_by_default() => Assert.True(Settings("").SharedMemory);

    [Fact]
    public void Shared_memory_off_keeps_lanes_on_their_connections() => Assert.False(Settings("shared-memory = off").SharedMemory);

    [Fact]
    public void A_shared_memory_value_that_is_neither_auto_nor_off_is_refused_naming_both()
    {
        var e = Assert.ThrowsAny<Exception>(() => Settings("shared-memory = always"));

        Assert.Contains("shared-memory", e.Message);
        Assert.Contains("always", e.Message);
        Assert.Contains("auto or off", e.Message);
    }

    [Fact]
    public void Large_message_threshold_is_256_KiB_by_default() => Assert.Equal(256 * 1024, Settings("").LargeMessageThreshold);

    [Fact]
    public void Large_message_threshold_off_keeps_one_channel() => Assert.Null(Settings("large-message-threshold = off").LargeMessageThreshold);

    [Fact]
    public void A_large_message_threshold_below_1_KiB_is_refused_naming_the_range()
    {
        var e = Assert.ThrowsAny<Exception>(() => Settings("large-message-threshold = 10b"));

        Assert.Contains("large-message-threshold", e.Message);
        Assert.Contains("1024b", e.Message);
    }

    private static LaneSettings Settings(string lane) =>
        LaneSettings.FromConfig(new SettingsReader(
            ReferenceConfig.WithDefaults(ConfigurationFactory.ParseString(lane), LaneSettings.ConfigPath), LaneSettings.ConfigPath));
}
