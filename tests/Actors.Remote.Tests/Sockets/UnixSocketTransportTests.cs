using System.Net.Sockets;
using System.Runtime.Versioning;
using Actors.Remote.Handshake;
using Actors.Remote.Platform;
using Actors.Remote.Sockets;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Event;
using Akka.Remote.Transport;

namespace Actors.Remote.Tests.Sockets;

/// <summary>
/// The UDS transport inside real ActorSystems, each test with a socket directory of its own.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class UnixSocketTransportTests : IAsyncLifetime
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // The group our socket files belong to when the tests run as root; another user joins it to be let in.
    private const uint RootGroupId = 0;

    private static readonly TimeSpan Bound = LocalTransportSystems.Bound;

    private readonly LocalTransportSystems _systems = new("uds.conf", UnixSocketTransport.ConfigPath, "socket-directory");

    /// <summary>The socket directory the systems are told to use; the transport creates it.</summary>
    private string SocketDirectory => _systems.FileDirectory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _systems.DisposeAsync().AsTask();

    [Fact]
    public void Start_FreePort_CreatesSocketFileMode0600InADirectoryMode0700()
    {
        var system = Start("uds-modes");
        var address = AddressOf(system);

        Assert.Equal("akka.uds", address.Protocol);
        Assert.Equal(Environment.MachineName, address.Host);
        Assert.NotNull(address.Port);
        Assert.NotEqual(0, address.Port);
        var socketFile = SocketFile(address.Port!.Value);
        Assert.True(File.Exists(socketFile), "the socket file is missing");
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(socketFile));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(SocketDirectory));
    }

    [Fact]
    public void Start_ConfiguredDirectoryOpenToOthersForReading_IsUsedAsItIs()
    {
        Directory.CreateDirectory(SocketDirectory);
        var readable = OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(SocketDirectory, readable);

        Start("uds-as-it-is");

        Assert.Equal(readable, File.GetUnixFileMode(SocketDirectory));
    }

    [Fact]
    public void Start_ConfiguredStickyDirectoryOpenToAll_IsNotChmodedAndTheSocketFileIs0600()
    {
        Directory.CreateDirectory(SocketDirectory);
        var sharedTmp = (UnixFileMode)0x3FF; // 1777, as /tmp
        File.SetUnixFileMode(SocketDirectory, sharedTmp);

        var system = Start("uds-sticky");

        Assert.Equal(sharedTmp, File.GetUnixFileMode(SocketDirectory));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(SocketFile(AddressOf(system).Port!.Value)));
    }

    [Fact]
    public async Task Start_ConfiguredDirectoryWritableByAllWithoutStickyBit_FailsNamingItsMode()
    {
        Directory.CreateDirectory(SocketDirectory);
        File.SetUnixFileMode(SocketDirectory, (UnixFileMode)0x1FF);

        await _systems.AssertStartFailsAsync("uds-unsafe", "", "mode 0777");

        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(SocketDirectory));
    }

    [RootFact]
    public async Task Start_ConfiguredDirectoryOfAnotherUser_FailsNamingItsOwner()
    {
        Directory.CreateDirectory(SocketDirectory);
        FileOwner.Give(SocketDirectory, FileOwner.OtherUserId);

        await _systems.AssertStartFailsAsync("uds-theirs", "", $"owner uid={FileOwner.OtherUserId}");
    }

    [AsOtherUserFact]
    public async Task Start_SharedDirectoryAndSocketFileMode0660_LetAnAllowedUserOfTheGroupConnect()
    {
        // A directory every user reaches (the test's own root opened to traversal, the directory itself 1777 as /tmp).
        File.SetUnixFileMode(_systems.RootDirectory, OwnerOnlyDirectory | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(SocketDirectory);
        File.SetUnixFileMode(SocketDirectory, (UnixFileMode)0x3FF);
        var shared = Start("uds-shared", $$"""security { allowed-uids = [{{AsOtherUserFactAttribute.OtherUserId}}], socket-file-mode = "0660" }""");
        var ownerOnly = Start("uds-owner-only", $$"""security.allowed-uids = [{{AsOtherUserFactAttribute.OtherUserId}}]""");

        var inTheGroup = await OtherUserConnect.RunAsync(SocketFile(AddressOf(shared).Port!.Value), RootGroupId);
        var notInTheGroup = await OtherUserConnect.RunAsync(SocketFile(AddressOf(shared).Port!.Value));
        var toOwnerOnly = await OtherUserConnect.RunAsync(SocketFile(AddressOf(ownerOnly).Port!.Value), RootGroupId);

        Assert.Equal("got the hello", inTheGroup);
        Assert.Equal("Permission denied", notInTheGroup);
        Assert.Equal("Permission denied", toOwnerOnly);
    }

    [Fact]
    public void Start_SocketFileMode0660_LetsTheGroupIn()
    {
        var system = Start("uds-group", """security.socket-file-mode = "0660" """);

        var groupReadWrite = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        Assert.Equal(groupReadWrite, File.GetUnixFileMode(SocketFile(AddressOf(system).Port!.Value)));
    }

    [Fact]
    public async Task Terminate_RunningSystem_RemovesTheSocketFile()
    {
        var system = Start("uds-cleanup");
        var socketFile = SocketFile(AddressOf(system).Port!.Value);
        Assert.True(File.Exists(socketFile), "the socket file is missing while the system runs");

        await system.Terminate().WaitAsync(Bound);

        Assert.False(File.Exists(socketFile), "the socket file outlived the system");
    }

    [Fact]
    public async Task Start_ConfiguredPortWithStaleSocketFile_ReclaimsTheIdAndAnswers()
    {
        var id = FreshId();
        var socketFile = CreateStaleSocketFile(id);

        var server = Start("uds-reclaim", $"port = {id}");
        server.ActorOf(Props.Create(() => new EchoActor()), "echo");
        Assert.Equal(id, AddressOf(server).Port);

        // Answers at the transport level: a raw hello comes back from this process.
        using (var raw = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await raw.ConnectAsync(new UnixDomainSocketEndPoint(socketFile)).WaitAsync(Bound);
            await using var stream = new NetworkStream(raw, ownsSocket: false);
            var hello = await Handshaker.ExchangeAsync(stream, Bound, CancellationToken.None);
            Assert.Equal(Environment.ProcessId, hello.ProcessId);
        }

        // And at the Akka level: another system resolves an actor there.
        var echo = await _systems.ResolveEchoAsync(server, "uds-reclaim-client");
        Assert.Equal(AddressOf(server), echo.Path.Address);
    }

    [Fact]
    public void Start_AnyPort_ReclaimsEveryStaleSocketFileAndLeavesLiveOnes()
    {
        var live = Start("uds-live");
        var liveFile = SocketFile(AddressOf(live).Port!.Value);
        var staleFiles = new[] { CreateStaleSocketFile(FreshId()), CreateStaleSocketFile(FreshId()) };

        var next = Start("uds-next");

        Assert.All(staleFiles, file => Assert.False(File.Exists(file), $"stale {file} was not reclaimed"));
        Assert.True(File.Exists(liveFile), "a live listener's socket file was removed");
        Assert.True(File.Exists(SocketFile(AddressOf(next).Port!.Value)));
    }

    [Fact]
    public async Task Start_ConfiguredPortHeldByALiveListener_FailsSayingTheIdIsInUse()
    {
        var id = FreshId();
        var socketFile = SocketFile(id);
        RuntimeDirectory.EnsureCreated(SocketDirectory);
        using var live = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        live.Bind(new UnixDomainSocketEndPoint(socketFile));
        live.Listen(8);

        await _systems.AssertStartFailsAsync("uds-taken", $"port = {id}", $"listener id is in use: id={id},");

        // The live listener keeps its file and still accepts.
        Assert.True(File.Exists(socketFile), "the live listener's socket file was removed");
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await probe.ConnectAsync(new UnixDomainSocketEndPoint(socketFile)).WaitAsync(Bound);
    }

    [Fact]
    public async Task Associate_AddressOnAnotherHost_FailsNamingOnlyThisMachine()
    {
        var system = Start("uds-direct");
        var transport = new UnixSocketTransport(system, system.Settings.Config.GetConfig(UnixSocketTransport.ConfigPath));
        try
        {
            await transport.Listen().WaitAsync(Bound);
            var elsewhere = new Address("akka.uds", "remote", "another-machine.invalid", 1234);

            var e = await Assert.ThrowsAsync<InvalidAssociationException>(() => transport.Associate(elsewhere).WaitAsync(Bound));

            Assert.Contains("only this machine", e.Message);
            Assert.Contains("another-machine.invalid", e.Message);
        }
        finally
        {
            await transport.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task InboundAssociation_IsNamedAfterThePeerSystem_NotThisOne()
    {
        var receiver = Start("recv");
        var sender = Start("send");
        var listening = new UnixSocketTransport(receiver, receiver.Settings.Config.GetConfig(UnixSocketTransport.ConfigPath));
        var connecting = new UnixSocketTransport(sender, sender.Settings.Config.GetConfig(UnixSocketTransport.ConfigPath));
        try
        {
            var (address, listenerSource) = await listening.Listen().WaitAsync(Bound);
            var inbound = new InboundCollector();
            listenerSource.SetResult(inbound);
            (_, var unusedSource) = await connecting.Listen().WaitAsync(Bound);
            unusedSource.SetResult(new InboundCollector());

            var outbound = await connecting.Associate(address).WaitAsync(Bound);
            var accepted = await inbound.First.WaitAsync(Bound);

            Assert.Equal("send", accepted.RemoteAddress.System);
            Assert.Equal("recv", outbound.RemoteAddress.System);
        }
        finally
        {
            await connecting.Shutdown().WaitAsync(Bound);
            await listening.Shutdown().WaitAsync(Bound);
        }
    }

    /// <summary>Keeps the first inbound association a transport reports.</summary>
    private sealed class InboundCollector : IAssociationEventListener
    {
        private readonly TaskCompletionSource<AssociationHandle> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<AssociationHandle> First => _first.Task;

        public void Notify(IAssociationEvent ev)
        {
            if (ev is InboundAssociation inbound)
            {
                _first.TrySetResult(inbound.Association);
            }
        }
    }

    [Fact]
    public async Task ActorSelection_AddressOnAnotherHost_LogsOnlyThisMachine()
    {
        var system = Start("uds-elsewhere");
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = system.ActorOf(Props.Create(() => new LogCollector("only this machine", found)));
        system.EventStream.Subscribe(collector, typeof(LogEvent));

        var elsewhere = new Address("akka.uds", "remote", "another-machine.invalid", 1234);
        system.ActorSelection(new RootActorPath(elsewhere) / "user" / "echo").Tell(new Identify(1));

        var line = await found.Task.WaitAsync(Bound);
        Assert.Contains("another-machine.invalid", line);
    }

    private ActorSystem Start(string name, string overrides = "") => _systems.Start(name, overrides);

    private static Address AddressOf(ActorSystem system) => LocalTransportSystems.AddressOf(system);

    private string SocketFile(int id) => Path.Combine(SocketDirectory, $"uds-{id}.sock");

    /// <summary>A socket file nobody accepts on, as a crashed process leaves it.</summary>
    private string CreateStaleSocketFile(int id)
    {
        RuntimeDirectory.EnsureCreated(SocketDirectory);
        return StaleSocketFile.Create(SocketFile(id));
    }

    /// <summary>A listener id no system in this test's directory uses yet.</summary>
    private int FreshId() => LocalTransportSystems.FreshId(SocketFile);

    /// <summary>Completes <c>found</c> with the first log line that contains <c>needle</c>.</summary>
    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(string needle, TaskCompletionSource<string> found) =>
            Receive<LogEvent>(e =>
            {
                var line = $"{e.Message} {(e as Error)?.Cause?.Message}";
                if (line.Contains(needle, StringComparison.Ordinal))
                {
                    found.TrySetResult(line);
                }
            });
    }
}
