using Actors.Remote.Configuration;
using Actors.Remote.FastLane;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

/// <summary><c>lane.shared-memory</c>: auto unless told off, and a value that is neither is refused saying what is allowed.</summary>
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

    private static LaneSettings Settings(string lane) =>
        LaneSettings.FromConfig(new SettingsReader(
            ReferenceConfig.WithDefaults(ConfigurationFactory.ParseString(lane), LaneSettings.ConfigPath), LaneSettings.ConfigPath));
}
