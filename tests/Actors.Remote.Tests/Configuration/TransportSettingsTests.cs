using Actors.Remote.Configuration;
using Actors.Remote.Sockets;
using Actors.Remote.Streams;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Tests.Configuration;

public sealed class TransportSettingsTests
{
    private const string TcpPath = "akka.remote.actors.tcp";
    private const string UdsPath = "akka.remote.actors.uds";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void FromConfig_TcpReferenceDefaults_ArePinned()
    {
        var settings = Defaults(TcpPath);

        Assert.Equal("127.0.0.1", settings.Hostname);
        Assert.Equal(0, settings.Port);
        Assert.Equal("", settings.PublicHostname);
        Assert.Equal(1024 * 1024, settings.MaximumFrameSize);
        Assert.Equal(4 * 1024 * 1024, settings.OutboundBufferSize);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ConnectionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.FlushTimeout);
        Assert.Equal(
            "Actors.Remote.Sockets.TcpTransport, Actors.Remote",
            ReferenceConfig.Default.GetString($"{TcpPath}.transport-class"));
        Assert.Equal(TcpPath, TcpTransport.ConfigPath);
    }

    [Fact]
    public void FromConfig_UdsReferenceDefaults_ArePinned()
    {
        var settings = Defaults(UdsPath);

        Assert.Equal("", settings.Hostname);
        Assert.Equal(0, settings.Port);
        Assert.Equal("", settings.PublicHostname);
        Assert.Equal(1024 * 1024, settings.MaximumFrameSize);
        Assert.Equal(4 * 1024 * 1024, settings.OutboundBufferSize);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ConnectionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.FlushTimeout);
        Assert.Equal("", Reader(ReferenceConfig.Default.GetConfig(UdsPath), UdsPath).GetString("socket-directory"));
        Assert.Equal(
            "Actors.Remote.Sockets.UnixSocketTransport, Actors.Remote",
            ReferenceConfig.Default.GetString($"{UdsPath}.transport-class"));
        Assert.Equal(UdsPath, UnixSocketTransport.ConfigPath);
    }

    [Fact]
    public void FromConfig_ReferenceDefaults_LeaveRoomForTheLargestFrame()
    {
        foreach (var path in new[] { TcpPath, UdsPath })
        {
            var settings = Defaults(path);
            Assert.True(settings.MaximumFrameSize >= StreamTransportSettings.MinimumFrameSize, path);
            Assert.True(settings.OutboundBufferSize >= settings.MaximumFrameSize + 4, path);
        }
    }

    [Fact]
    public void FromConfig_OverridesInUnits_AreRead()
    {
        var settings = Settings(TcpPath, """
            port = 2552
            maximum-frame-size = 64 KiB
            outbound-buffer-size = 128000b
            connection-timeout = 750 ms
            """);

        Assert.Equal(2552, settings.Port);
        Assert.Equal(64 * 1024, settings.MaximumFrameSize);
        Assert.Equal(128_000, settings.OutboundBufferSize);
        Assert.Equal(TimeSpan.FromMilliseconds(750), settings.ConnectionTimeout);
    }

    [Theory]
    [InlineData(TcpPath)]
    [InlineData(UdsPath)]
    public void FromConfig_MaximumFrameSizeNotASize_ThrowsNamingKeyAndValue(string path)
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(path, "maximum-frame-size = banana"));

        Assert.Contains($"{path}.maximum-frame-size", e.Message);
        Assert.Contains("banana", e.Message);
    }

    [Fact]
    public void FromConfig_MaximumFrameSizeBelowTheMinimum_ThrowsNamingKeyValueAndMinimum()
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(TcpPath, "maximum-frame-size = 1000b"));

        Assert.Contains($"{TcpPath}.maximum-frame-size", e.Message);
        Assert.Contains("1000b", e.Message);
        Assert.Contains("32000b", e.Message);
    }

    [Fact]
    public void FromConfig_MaximumFrameSizeAtTheMinimum_IsAccepted()
    {
        var settings = Settings(TcpPath, "maximum-frame-size = 32000b");

        Assert.Equal(StreamTransportSettings.MinimumFrameSize, settings.MaximumFrameSize);
    }

    [Fact]
    public void FromConfig_OutboundBufferSmallerThanMaximumFramePlusHeader_ThrowsNamingKeyAndValue()
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(TcpPath, """
            maximum-frame-size = 64000b
            outbound-buffer-size = 64003b
            """));

        Assert.Contains($"{TcpPath}.outbound-buffer-size", e.Message);
        Assert.Contains("64003b", e.Message);
        Assert.Contains("64004b", e.Message);
    }

    [Fact]
    public void FromConfig_OutboundBufferExactlyMaximumFramePlusHeader_IsAccepted()
    {
        var settings = Settings(TcpPath, """
            maximum-frame-size = 64000b
            outbound-buffer-size = 64004b
            """);

        Assert.Equal(64_004, settings.OutboundBufferSize);
    }

    [Theory]
    [InlineData(TcpPath, "70000")]
    [InlineData(UdsPath, "70000")]
    [InlineData(TcpPath, "-1")]
    public void FromConfig_PortOutOfRange_ThrowsNamingKeyAndValue(string path, string port)
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(path, $"port = {port}"));

        Assert.Contains($"{path}.port = {port}", e.Message);
        Assert.Contains("65535", e.Message);
    }

    [Fact]
    public void FromConfig_PortNotANumber_ThrowsNamingKeyAndValue()
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(TcpPath, "port = http"));

        Assert.Contains($"{TcpPath}.port", e.Message);
        Assert.Contains("http", e.Message);
    }

    [Theory]
    [InlineData("connection-timeout")]
    [InlineData("handshake-timeout")]
    [InlineData("flush-timeout")]
    public void FromConfig_NegativeDuration_ThrowsNamingKeyAndValue(string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(TcpPath, $"{key} = -1 s"));

        Assert.Contains($"{TcpPath}.{key}", e.Message);

        // The value may be echoed as written (quoted or not) or as a TimeSpan; either way it must be there.
        Assert.Matches($@"{key} = ""?(-1 ?s|-00:00:01)\b", e.Message);
    }

    [Fact]
    public void FromConfig_InfiniteDuration_ThrowsNamingKeyAndValue()
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(TcpPath, "handshake-timeout = infinite"));

        Assert.Contains($"{TcpPath}.handshake-timeout", e.Message);
        Assert.Contains("infinite", e.Message);
    }

    [Fact]
    public void FromConfig_MaximumFrameSizeBeyondInt32_ThrowsInsteadOfOverflowing()
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(TcpPath, """
            maximum-frame-size = 2 GiB
            outbound-buffer-size = 3 GiB
            """));

        Assert.Contains($"{TcpPath}.maximum-frame-size = 2147483648b", e.Message);
    }

    [Fact]
    public void FromConfig_ZeroDuration_ThrowsNamingKey()
    {
        var e = Assert.Throws<ConfigurationException>(() => Settings(TcpPath, "connection-timeout = 0 s"));

        Assert.Contains($"{TcpPath}.connection-timeout", e.Message);
        Assert.Contains("positive", e.Message);
    }

    [Theory]
    [InlineData("hostname")]
    [InlineData("port")]
    [InlineData("public-hostname")]
    [InlineData("maximum-frame-size")]
    [InlineData("outbound-buffer-size")]
    [InlineData("outbound-buffer-limit")]
    [InlineData("connection-timeout")]
    [InlineData("handshake-timeout")]
    [InlineData("flush-timeout")]
    public void FromConfig_MissingKey_ThrowsNamingTheFullKey(string missing)
    {
        var lines = new[]
        {
            "hostname = \"127.0.0.1\"",
            "port = 0",
            "public-hostname = \"\"",
            "maximum-frame-size = 1 MiB",
            "outbound-buffer-size = 4 MiB",
            "outbound-buffer-limit = off",
            "connection-timeout = 5 s",
            "handshake-timeout = 5 s",
            "flush-timeout = 2 s",
        };
        var complete = ConfigurationFactory.ParseString(string.Join('\n', lines));
        Assert.NotNull(StreamTransportSettings.FromConfig(Reader(complete, TcpPath)));
        var section = ConfigurationFactory.ParseString(string.Join('\n', lines.Where(l => !l.StartsWith(missing + " "))));

        var e = Assert.Throws<ConfigurationException>(() => StreamTransportSettings.FromConfig(Reader(section, TcpPath)));

        Assert.Contains($"{TcpPath}.{missing} is missing", e.Message);
    }

    [Theory]
    [InlineData("tcp.conf", TcpPath, "maximum-frame-size = banana", "maximum-frame-size")]
    [InlineData("tcp.conf", TcpPath, "port = 70000", "port")]
    [InlineData("uds.conf", UdsPath, "outbound-buffer-size = 1000b", "outbound-buffer-size")]
    [InlineData("shm.conf", "akka.remote.actors.shm", "ring-size = 3000000b", "ring-size")]
    [InlineData("shm.conf", "akka.remote.actors.shm", "wait-strategy = sleepy", "wait-strategy")]
    public async Task ActorSystemCreate_BadTransportValue_FailsNamingTheKey(string configFile, string path, string setting, string key)
    {
        var config = ConfigurationFactory.ParseString($"{path}.{setting}").WithFallback(ShippedConfig.Load(configFile));
        ActorSystem? system = null;

        var e = await Record.ExceptionAsync(() => Task.Run(() => system = ActorSystem.Create("bad-settings", config)).WaitAsync(Bound));

        try
        {
            Assert.NotNull(e);
            Assert.IsNotType<TimeoutException>(e);
            Assert.Contains($"{path}.{key}", ExceptionChain.Flatten(e));
        }
        finally
        {
            if (system is not null)
            {
                await system.Terminate().WaitAsync(Bound);
            }
        }
    }

    private static StreamTransportSettings Defaults(string path) =>
        StreamTransportSettings.FromConfig(Reader(ReferenceConfig.Default.GetConfig(path), path));

    /// <summary>The settings as a transport reads them: the overrides with reference.conf behind them.</summary>
    private static StreamTransportSettings Settings(string path, string overrides) =>
        StreamTransportSettings.FromConfig(Reader(ReferenceConfig.WithDefaults(ConfigurationFactory.ParseString(overrides), path), path));

    private static SettingsReader Reader(Config section, string path) => new(section, path);
}
