using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

public sealed class SecuritySettingsTests
{
    private static readonly Config NoTransportSection = Config.Empty;

    [Fact]
    public void FromConfig_ReferenceDefaults_ArePinned()
    {
        var settings = SecuritySettings.FromConfig(Config.Empty, NoTransportSection);

        Assert.False(settings.RequiresSecret);
        Assert.Equal([Interop.GetEUid()], settings.AllowedUserIds);
        Assert.Equal(64, settings.MaximumPendingHandshakes);
    }

    [Fact]
    public void FromConfig_TransportSecuritySection_OverridesTheSharedOne()
    {
        var system = ConfigurationFactory.ParseString("""
            akka.remote.actors.security { secret = "shared-secret-0123456789", maximum-pending-handshakes = 5 }
            """);
        var transport = ConfigurationFactory.ParseString("security { maximum-pending-handshakes = 7, allowed-uids = [4242] }");

        var settings = SecuritySettings.FromConfig(system, transport);

        Assert.True(settings.RequiresSecret);
        Assert.Equal(7, settings.MaximumPendingHandshakes);
        Assert.True(settings.AllowsUser(4242));
        Assert.True(settings.AllowsUser(Interop.GetEUid()));
        Assert.False(settings.AllowsUser(4243));
    }

    [Fact]
    public void FromConfig_SecretFile_IsReadWithoutItsTrailingNewline()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "secret-from-a-file-0123\n");
            var fromFile = SecuritySettings.FromConfig(Settings($"secret-file = \"{file}\""), NoTransportSection);

            Assert.True(fromFile.RequiresSecret);
            Assert.True(fromFile.Secret.SequenceEqual("secret-from-a-file-0123"u8));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("secret = \"short\"", "shared secret too short: length=5 bytes, minimum=16")]
    [InlineData("secret = \"inline-secret-0123456789\", secret-file = \"x\"", "set secret or secret-file, not both")]
    [InlineData("secret-file = \"does-not-exist.secret\"", "secret-file = does-not-exist.secret cannot be read")]
    [InlineData("allowed-uids = [root]", "allowed-uids = [root] is not valid: expected a list of user ids")]
    [InlineData("allowed-uids = [-1]", "allowed-uids = [-1] is not valid")]
    [InlineData("maximum-pending-handshakes = 0", "maximum-pending-handshakes = 0 is not valid: expected a whole number of at least 1")]
    public void FromConfig_BadValue_FailsNamingTheSettingButNeverTheSecret(string hocon, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => SecuritySettings.FromConfig(Settings(hocon), NoTransportSection));

        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("inline-secret", e.Message);
    }

    [Fact]
    public void FromConfig_EmptySecretFile_FailsSayingItIsEmpty()
    {
        var file = Path.GetTempFileName();
        try
        {
            var e = Assert.Throws<ConfigurationException>(() => SecuritySettings.FromConfig(Settings($"secret-file = \"{file}\""), NoTransportSection));

            Assert.Contains("is empty", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Config Settings(string hocon) =>
        ConfigurationFactory.ParseString($"akka.remote.actors.security {{ {hocon} }}");
}
