using System.Net;
using System.Net.Sockets;
using Actors.Remote.Diagnostics.ExpectedDeaths;
using Actors.Remote.Handshake;
using Actors.Remote.Sockets;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Tests.Sockets;

/// <summary>The TCP transport inside real ActorSystems on loopback.</summary>
public sealed class TcpTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly List<ActorSystem> _systems = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var system in _systems)
        {
            await system.Terminate().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Start_PortZero_BindsAFreePortThatTheAddressCarries()
    {
        var system = Start("tcp-free-port");
        var address = AddressOf(system);

        Assert.Equal("akka.atcp", address.Protocol);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotNull(address.Port);
        Assert.InRange(address.Port!.Value, 1, 65535);

        // Something of ours listens there: it answers a hello with this process id.
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, address.Port.Value).WaitAsync(Bound);
        var hello = await Handshaker.ExchangeAsync(client.GetStream(), Bound, CancellationToken.None);
        Assert.Equal(Environment.ProcessId, hello.ProcessId);
    }

    [Fact]
    public async Task Associate_PeersOnWildcardListenersOfThisMachine_EachIsNamedByTheKernelUnderItsAdvertisedAddress()
    {
        // A wildcard bind advertises the machine's name: the inbound side believes the hello's address once that name
        // leads to a wildcard listener of this network namespace held by the hello's process.
        var first = Start("tcp-wildcard-first", "hostname = \"\"");
        var second = Start("tcp-wildcard-second", "hostname = \"\"");
        Assert.Equal(Dns.GetHostName(), AddressOf(first).Host);

        await first.ActorSelection(new RootActorPath(AddressOf(second)) / "system").ResolveOne(Bound);

        Assert.Equal(Environment.ProcessId, PeerFates.NamedIn(AddressOf(second).ToString())?.ProcessId);
        Assert.Equal(Environment.ProcessId, PeerFates.NamedIn(AddressOf(first).ToString())?.ProcessId);
    }

    [Fact]
    public void Start_TwoSystemsOnPortZero_GetDifferentPorts()
    {
        var first = AddressOf(Start("tcp-first"));
        var second = AddressOf(Start("tcp-second"));

        Assert.NotEqual(first.Port, second.Port);
    }

    [Fact]
    public async Task Start_PublicHostnameSet_AddressCarriesItWhileBoundToHostname()
    {
        var system = Start("tcp-public", "public-hostname = \"actors.example.invalid\"");
        var address = AddressOf(system);

        Assert.Equal("actors.example.invalid", address.Host);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, address.Port!.Value).WaitAsync(Bound);
        Assert.True(client.Connected);
    }

    [Fact]
    public async Task Start_ConfiguredPortInUse_FailsNamingHostAndPort()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen(8);
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;

        var e = await Record.ExceptionAsync(() => Task.Run(() => Start("tcp-taken", $"port = {port}")).WaitAsync(Bound));

        Assert.NotNull(e);
        Assert.IsNotType<TimeoutException>(e);
        Assert.Contains($"hostname=127.0.0.1, port={port}", ExceptionChain.Flatten(e));
    }

    [Fact]
    public async Task Configure_ConnectedAndAcceptedTcpSockets_TurnsNagleOff()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var connected = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync();
        await connected.ConnectAsync(listener.LocalEndPoint!).WaitAsync(Bound);
        using var accepted = await accept.WaitAsync(Bound);
        connected.NoDelay = false;
        accepted.NoDelay = false;

        SocketOptions.Configure(connected);
        SocketOptions.Configure(accepted);

        Assert.Equal(1, NoDelayOption(connected));
        Assert.Equal(1, NoDelayOption(accepted));
    }

    [Fact]
    public async Task Configure_DualModeSocketBeforeConnect_KeepsNagleOffOnceConnected()
    {
        // TcpTransport configures its outbound socket (dual mode, created without a family) before connecting.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var outbound = new Socket(SocketType.Stream, ProtocolType.Tcp);

        SocketOptions.Configure(outbound);
        var accept = listener.AcceptAsync();
        await outbound.ConnectAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port).WaitAsync(Bound);
        using var accepted = await accept.WaitAsync(Bound);

        Assert.Equal(1, NoDelayOption(outbound));
    }

    [Fact]
    public async Task AcceptAsync_TcpListener_HandsOutSocketsWithNagleOff()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(1);
        Assert.False(socket.NoDelay);
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        await using var listener = new SocketStreamListener(socket, new Address("atcp", "test", "127.0.0.1", port));
        using var client = new TcpClient();

        var accept = listener.AcceptAsync(CancellationToken.None);
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Bound);
        var accepted = await accept.WaitAsync(Bound);
        await using var stream = accepted.Stream;

        Assert.Equal(1, NoDelayOption(Assert.IsType<NetworkStream>(stream).Socket));
        Assert.Equal("127.0.0.1", accepted.RemoteHost);
        Assert.Equal(((IPEndPoint)client.Client.LocalEndPoint!).Port, accepted.RemotePort);
    }

    [Fact]
    public void Configure_UnixSocket_DoesNotTrySocketOptionsItCannotTake()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        // Setting TCP_NODELAY on a Unix-domain socket throws; Configure must skip it.
        Assert.Null(Record.Exception(() => SocketOptions.Configure(socket)));
    }

    private ActorSystem Start(string name, string overrides = "")
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.remote.actors.tcp {
              {{overrides}}
            }
            """).WithFallback(ShippedConfig.Load("tcp.conf"));
        var system = ActorSystem.Create(name, config);
        _systems.Add(system);
        return system;
    }

    private static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;

    /// <summary>TCP_NODELAY as the kernel reports it, not as .NET remembers it.</summary>
    private static int NoDelayOption(Socket socket) =>
        (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay)! != 0 ? 1 : 0;
}
