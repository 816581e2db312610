using Actors.Remote.Configuration;
using Actors.Remote.SharedMemory;
using Akka.Configuration;

namespace Actors.Remote.Tests.SharedMemory;

public sealed class SharedMemorySettingsSpec
{
    private const string Path = SharedMemoryTransport.ConfigPath;

    [Fact]
    public void Reference_defaults_are_a_1_MiB_ring_parking_and_a_5_s_stale_peer_timeout_in_dev_shm()
    {
        var settings = Settings("");

        Assert.Equal(1024 * 1024, settings.RingSize);
        Assert.Equal(WaitStrategy.Parking, settings.WaitStrategy);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.ParkTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(200), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.StalePeerTimeout);
        Assert.Equal("/dev/shm", settings.SegmentDirectory);
    }

    [Theory]
    [InlineData("busy-spin", nameof(WaitStrategy.BusySpin))]
    [InlineData("yielding", nameof(WaitStrategy.Yielding))]
    [InlineData("parking", nameof(WaitStrategy.Parking))]
    public void Every_wait_strategy_is_read(string value, string expected) =>
        Assert.Equal(Enum.Parse<WaitStrategy>(expected), Settings($"wait-strategy = {value}").WaitStrategy);

    [Theory]
    [InlineData("ring-size = 3000000b", "ring-size = 3000000b", "power of two")]
    [InlineData("ring-size = 1 KiB", "ring-size = 1024b", "from 4096b")]
    [InlineData("ring-size = 2 GiB", "ring-size", "to 1073741824b")]
    [InlineData("wait-strategy = sleepy", "wait-strategy = sleepy", "busy-spin, yielding or parking")]
    [InlineData("stale-peer-timeout = 300 ms", "stale-peer-timeout = 300 ms", "twice heartbeat-interval")]
    [InlineData("park-timeout = 0 s", "park-timeout", "positive")]
    public void A_bad_value_is_refused_naming_the_key_the_value_and_what_is_expected(string setting, string named, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(setting));

        Assert.Contains($"{Path}.{named}", e.Message);
        Assert.Contains(expected, e.Message);
    }

    private static SharedMemorySettings Settings(string overrides) =>
        SharedMemorySettings.FromConfig(new SettingsReader(
            ReferenceConfig.WithDefaults(ConfigurationFactory.ParseString(overrides), Path),
            Path));
}
