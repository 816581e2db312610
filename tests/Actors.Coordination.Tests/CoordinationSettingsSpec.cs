using Akka.Configuration;

namespace Actors.Coordination.Tests;

/// <summary>The defaults live in reference.conf only; these pin them as the README states them.</summary>
public sealed class CoordinationSettingsSpec
{
    [Fact]
    public void The_semaphore_defaults_come_from_reference_conf()
    {
        var settings = CoordinationSettings.FromSemaphoreConfig(null);

        Assert.Equal(new CoordinationSettings(string.Empty, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10)), settings);
    }

    [Fact]
    public void The_lease_block_names_our_class_and_checks_every_second()
    {
        var block = CoordinationConfig.Default.GetConfig(CoordinationConfig.LeasePath);

        Assert.Equal(typeof(ProcessLease), Type.GetType(block.GetString("lease-class"), throwOnError: true));
        Assert.Equal(new CoordinationSettings(string.Empty, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10)), CoordinationSettings.FromLeaseConfig(null));
    }

    [Fact]
    public void A_check_interval_that_is_not_positive_is_refused_naming_the_key()
    {
        var section = ConfigurationFactory.ParseString("check-interval = 0s");

        var error = Assert.Throws<ArgumentException>(() => CoordinationSettings.FromSemaphoreConfig(section));

        Assert.Contains("check-interval=00:00:00", error.Message);
    }
}
