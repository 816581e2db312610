using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
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
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, settings.SocketFileMode);
    }

    [Theory]
    [InlineData("\"0660\"", 0x1B0)]
    [InlineData("\"0600\"", 0x180)]
    [InlineData("0640", 0x1A0)]
    public void FromConfig_SocketFileMode_IsReadAsOctal(string value, int expected)
    {
        var settings = SecuritySettings.FromConfig(Settings($"socket-file-mode = {value}"), NoTransportSection);

        Assert.Equal((UnixFileMode)expected, settings.SocketFileMode);
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
        using var file = new SecretFile("secret-from-a-file-0123\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var fromFile = SecuritySettings.FromConfig(file.Settings, NoTransportSection);

        Assert.True(fromFile.RequiresSecret);
        Assert.True(fromFile.Secret.SequenceEqual("secret-from-a-file-0123"u8));
    }

    [Theory]
    [InlineData("secret = \"short\"", "shared secret too short: length=5 bytes, minimum=16")]
    [InlineData("secret = \"inline-secret-0123456789\", secret-file = \"x\"", "set secret or secret-file, not both")]
    [InlineData("secret-file = \"does-not-exist.secret\"", "secret-file = does-not-exist.secret cannot be read")]
    [InlineData("allowed-uids = [root]", "allowed-uids = [root] is not valid: expected a list of user ids")]
    [InlineData("allowed-uids = [-1]", "allowed-uids = [-1] is not valid")]
    [InlineData("socket-file-mode = \"0400\"", "socket-file-mode = 0400 is not valid: expected an octal file mode")]
    [InlineData("socket-file-mode = \"0777\"", "socket-file-mode = 0777 is not valid")]
    [InlineData("socket-file-mode = \"rw\"", "socket-file-mode = rw is not valid")]
    [InlineData("maximum-pending-handshakes = 0", "maximum-pending-handshakes = 0 is not valid: expected a whole number of at least 1")]
    public void FromConfig_BadValue_FailsNamingTheSettingButNeverTheSecret(string hocon, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => SecuritySettings.FromConfig(Settings(hocon), NoTransportSection));

        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("inline-secret", e.Message);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, "0604")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0444")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public void FromConfig_SecretFileOthersCanAccess_IsRefusedSayingHowToFixIt(UnixFileMode mode, string octal)
    {
        using var file = new SecretFile("secret-from-a-file-0123\n", mode);

        var e = Assert.Throws<ConfigurationException>(() => SecuritySettings.FromConfig(file.Settings, NoTransportSection));

        Assert.Contains($"can be read or changed by any user of this machine (mode {octal})", e.Message);
        Assert.Contains("chmod 600", e.Message);
        Assert.DoesNotContain("secret-from-a-file", e.Message);
    }

    [Fact]
    public void FromConfig_SecretFileOfItsGroup_IsAccepted()
    {
        using var file = new SecretFile("secret-from-a-file-0123\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.True(SecuritySettings.FromConfig(file.Settings, NoTransportSection).RequiresSecret);
    }

    [Fact]
    public void FromConfig_EmptySecretFile_FailsSayingItIsEmpty()
    {
        using var file = new SecretFile(string.Empty, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var e = Assert.Throws<ConfigurationException>(() => SecuritySettings.FromConfig(file.Settings, NoTransportSection));

        Assert.Contains("is empty", e.Message);
    }

    private static Config Settings(string hocon) =>
        ConfigurationFactory.ParseString($"akka.remote.actors.security {{ {hocon} }}");

    /// <summary>A secret file of the given content and mode, removed on dispose.</summary>
    private sealed class SecretFile : IDisposable
    {
        public SecretFile(string content, UnixFileMode mode)
        {
            File.WriteAllText(Path, content);
            File.SetUnixFileMode(Path, mode);
        }

        public string Path { get; } = System.IO.Path.GetTempFileName();

        public Config Settings => SecuritySettingsTests.Settings($"secret-file = \"{Path}\"");

        public void Dispose() => File.Delete(Path);
    }
}
