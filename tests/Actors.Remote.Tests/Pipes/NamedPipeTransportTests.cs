using System.Diagnostics;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Actors.Remote.Configuration;
using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote.Transport;

namespace Actors.Remote.Tests.Pipes;

/// <summary>
/// The named-pipe transport inside real ActorSystems, each test with a pipe directory of its own.
/// On Linux .NET builds a named pipe on a Unix-domain socket, so the pipe is a socket file here.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class NamedPipeTransportTests : IAsyncLifetime
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // The user the cross-user tests act as: "nobody" on Debian and most distributions.
    private const int OtherUserId = 65534;

    // The byte a test sends to tell its own connection from the transport's liveness probes.
    private const byte Marker = 0x5A;

    private static readonly TimeSpan Bound = LocalTransportSystems.Bound;

    private readonly LocalTransportSystems _systems = new("pipe.conf", NamedPipeTransport.ConfigPath, "pipe-directory");

    /// <summary>The pipe directory the systems are told to use; the transport creates it.</summary>
    private string PipeDirectory => _systems.FileDirectory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _systems.DisposeAsync().AsTask();

    [Fact]
    public void ReferenceConf_PipeDefaults_ArePinned()
    {
        var transport = new NamedPipeTransport(StartLocal("pipe-defaults"), Config.Empty);

        Assert.Equal(RuntimeDirectory.Resolve(""), transport.PipeDirectory);
        Assert.True(transport.CurrentUserOnly);
        Assert.Equal(Environment.MachineName, transport.MachineHost);
        Assert.Equal(1024 * 1024, transport.StreamSettings.MaximumFrameSize);
        Assert.Equal(4 * 1024 * 1024, transport.StreamSettings.OutboundBufferSize);
        Assert.Equal(TimeSpan.FromSeconds(5), transport.StreamSettings.ConnectionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), transport.StreamSettings.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), transport.StreamSettings.FlushTimeout);
        Assert.Equal(
            "Actors.Remote.Pipes.NamedPipeTransport, Actors.Remote",
            ReferenceConfig.Default.GetString($"{NamedPipeTransport.ConfigPath}.transport-class"));
    }

    [Fact]
    public void Start_FreePort_CreatesPipeFileMode0600InADirectoryMode0700()
    {
        var system = Start("pipe-modes");
        var address = AddressOf(system);

        Assert.Equal("akka.pipe", address.Protocol);
        Assert.Equal(Environment.MachineName, address.Host);
        Assert.NotNull(address.Port);
        Assert.NotEqual(0, address.Port);
        var pipeFile = PipeFile(address.Port!.Value);
        Assert.True(File.Exists(pipeFile), "the pipe's socket file is missing");
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(pipeFile));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(PipeDirectory));
    }

    [Fact]
    public async Task Terminate_RunningSystem_RemovesThePipeFile()
    {
        var server = Start("pipe-cleanup");
        server.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var pipeFile = PipeFile(AddressOf(server).Port!.Value);

        // With an association open, so that more than one pipe instance exists at shutdown.
        var echo = await _systems.ResolveEchoAsync(server, "pipe-cleanup-client");
        Assert.Equal(42, (await echo.Ask<Ping>(new Ping(42, "before shutdown"), Bound)).Seq);

        await server.Terminate().WaitAsync(Bound);

        Assert.False(File.Exists(pipeFile), "the pipe's socket file outlived the system");
    }

    [Fact]
    public async Task Start_ConfiguredPortWithStalePipeFile_ReclaimsTheIdAndAnswers()
    {
        var id = FreshId();
        var pipeFile = CreateStalePipeFile(id);

        var server = Start("pipe-reclaim", $"port = {id}");
        server.ActorOf(Props.Create(() => new EchoActor()), "echo");
        Assert.Equal(id, AddressOf(server).Port);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(pipeFile));

        // Answers at the transport level: a raw hello comes back from this process.
        await using (var raw = new NamedPipeClientStream(".", pipeFile, PipeDirection.InOut, PipeOptions.Asynchronous))
        {
            await raw.ConnectAsync((int)Bound.TotalMilliseconds);
            var hello = await Handshaker.ExchangeAsync(raw, Bound, CancellationToken.None);
            Assert.Equal(Environment.ProcessId, hello.ProcessId);
        }

        // And at the Akka level: another system resolves an actor there.
        var echo = await _systems.ResolveEchoAsync(server, "pipe-reclaim-client");
        Assert.Equal(AddressOf(server), echo.Path.Address);
    }

    [Fact]
    public void Start_AnyPort_ReclaimsEveryStalePipeFileAndLeavesLiveOnes()
    {
        var live = Start("pipe-live");
        var liveFile = PipeFile(AddressOf(live).Port!.Value);
        var staleFiles = new[] { CreateStalePipeFile(FreshId()), CreateStalePipeFile(FreshId()) };

        var next = Start("pipe-next");

        Assert.All(staleFiles, file => Assert.False(File.Exists(file), $"stale {file} was not reclaimed"));
        Assert.True(File.Exists(liveFile), "a live listener's pipe file was removed");
        Assert.True(File.Exists(PipeFile(AddressOf(next).Port!.Value)));
    }

    [Fact]
    public async Task Start_ConfiguredPortHeldByAListenerOfAnotherProcess_FailsSayingTheIdIsInUse()
    {
        // Another process's named pipe is, on Linux, a listening Unix-domain socket at the path.
        var id = FreshId();
        var pipeFile = PipeFile(id);
        RuntimeDirectory.EnsureCreated(PipeDirectory);
        using var live = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        live.Bind(new UnixDomainSocketEndPoint(pipeFile));
        live.Listen(8);

        await AssertStartFailsAsInUseAsync("pipe-taken", id);

        // The live listener keeps its file: a byte sent to the path now reaches it.
        Assert.True(File.Exists(pipeFile), "the live listener's pipe file was removed");
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await probe.ConnectAsync(new UnixDomainSocketEndPoint(pipeFile)).WaitAsync(Bound);
        await probe.SendAsync(new byte[] { Marker });
        Assert.True(await AcceptsMarkerAsync(live), "the byte sent to the path did not reach the live listener");
    }

    [Fact]
    public async Task Start_ConfiguredPortHeldByASystemOfThisProcess_FailsSayingTheIdIsInUse()
    {
        var id = FreshId();
        var first = Start("pipe-first", $"port = {id}");
        first.ActorOf(Props.Create(() => new EchoActor()), "echo");

        await AssertStartFailsAsInUseAsync("pipe-second", id);

        var echo = await _systems.ResolveEchoAsync(first, "pipe-first-client");
        Assert.Equal(7, (await echo.Ask<Ping>(new Ping(7, "still the first"), Bound)).Seq);
    }

    [Fact]
    public async Task Associate_AddressOnAnotherHost_FailsNamingOnlyThisMachine()
    {
        var elsewhere = new Address("akka.pipe", "remote", "another-machine.invalid", 1234);

        var e = await AssociateDirectAsync("pipe-direct", "", elsewhere);

        Assert.Contains("only this machine", e.Message);
        Assert.Contains("another-machine.invalid", e.Message);
    }

    [Theory]
    [InlineData(false, "does not exist")]
    [InlineData(true, "nobody accepts on")]
    public async Task Associate_IdWithoutALivePipe_FailsAtOnceNamingTheId(bool staleFile, string reason)
    {
        var id = FreshId();
        var nowhere = new Address("akka.pipe", "remote", Environment.MachineName, id);
        var elapsed = Stopwatch.StartNew();

        // .NET alone would retry until connection-timeout; a dead peer must not hold Akka's reconnect that long.
        // The stale file appears after Listen, whose sweep would reclaim it.
        var e = await AssociateDirectAsync("pipe-nowhere", "connection-timeout = 30 s", nowhere, afterListen: () =>
        {
            if (staleFile)
            {
                CreateStalePipeFile(id);
            }
        });

        Assert.Contains($"no pipe listener with id {id}", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), $"took {elapsed.Elapsed}, as if it waited for connection-timeout");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("current-user-only = on", true)]
    [InlineData("current-user-only = off", false)]
    public void Constructor_CurrentUserOnly_ReachesThePipeOptions(string setting, bool expected)
    {
        var transport = new NamedPipeTransport(StartLocal("pipe-options"), ConfigurationFactory.ParseString(setting));

        Assert.Equal(expected, transport.CurrentUserOnly);
        Assert.Equal(expected, transport.PipeOptions.HasFlag(PipeOptions.CurrentUserOnly));
        Assert.True(transport.PipeOptions.HasFlag(PipeOptions.Asynchronous));
    }

    [Fact]
    public void Constructor_CurrentUserOnlyNotOnOrOff_ThrowsNamingTheKeyAndValue()
    {
        var e = Assert.Throws<ConfigurationException>(
            () => new NamedPipeTransport(StartLocal("pipe-bad"), ConfigurationFactory.ParseString("current-user-only = maybe")));

        Assert.Contains($"{NamedPipeTransport.ConfigPath}.current-user-only = maybe", e.Message);
        Assert.Contains("on or off", e.Message);
    }

    [Fact]
    public async Task ActorSystemCreate_CurrentUserOnlyNotOnOrOff_FailsNamingTheKey()
    {
        await _systems.AssertStartFailsAsync("pipe-bad-system", "current-user-only = maybe", $"{NamedPipeTransport.ConfigPath}.current-user-only");
    }

    /// <summary>current-user-only is .NET's check; allowed-uids (SO_PEERCRED, in the hello) is ours: either refuses.</summary>
    [RootOnlyTheory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Accept_ClientOfAnotherUser_IsDroppedUnlessThatUserIsAllowed(bool currentUserOnly, bool otherUserAllowed)
    {
        var server = Start("pipe-other-client", $"current-user-only = {OnOff(currentUserOnly)}\n{AllowedUids(otherUserAllowed)}");
        server.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var pipeFile = PipeFile(AddressOf(server).Port!.Value);

        // Open the way to the file for the other user (who keeps this process's group), so that only
        // the pipe's own check stands between.
        const UnixFileMode traversable = OwnerOnlyDirectory | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_systems.RootDirectory, traversable);
        File.SetUnixFileMode(PipeDirectory, traversable);
        File.SetUnixFileMode(
            pipeFile,
            OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

        using var raw = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        AsOtherUser(() => raw.Connect(new UnixDomainSocketEndPoint(pipeFile)));
        await using var stream = new NetworkStream(raw, ownsSocket: false);

        if (!otherUserAllowed)
        {
            // Closed before a single byte, and the listener goes on serving this user.
            await Assert.ThrowsAnyAsync<IOException>(() => Handshaker.ExchangeAsync(stream, Bound, CancellationToken.None));
            var echo = await _systems.ResolveEchoAsync(server, "pipe-other-client-after");
            Assert.Equal(3, (await echo.Ask<Ping>(new Ping(3, "still serving"), Bound)).Seq);
        }
        else
        {
            var hello = await Handshaker.ExchangeAsync(stream, Bound, CancellationToken.None);
            Assert.Equal(Environment.ProcessId, hello.ProcessId);
        }
    }

    [RootOnlyTheory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Associate_PipeOwnedByAnotherUser_IsRefusedUnlessThatUserIsAllowed(bool currentUserOnly, bool otherUserAllowed)
    {
        var id = FreshId();
        RuntimeDirectory.EnsureCreated(PipeDirectory);
        using var foreign = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        foreign.Bind(new UnixDomainSocketEndPoint(PipeFile(id)));

        // Linux records a listening socket's owner when listen() is called.
        AsOtherUser(() => foreign.Listen(8));
        var target = new Address("akka.pipe", "remote", Environment.MachineName, id);

        var e = await AssociateDirectAsync(
            "pipe-foreign", $"current-user-only = {OnOff(currentUserOnly)}\nhandshake-timeout = 1 s\n{AllowedUids(otherUserAllowed)}", target);

        if (currentUserOnly)
        {
            Assert.IsType<UnauthorizedAccessException>(e.InnerException);
        }
        else if (!otherUserAllowed)
        {
            Assert.Contains($"runs as uid={OtherUserId}, which is not allowed", e.Message);
        }
        else
        {
            // Connected; only the hello that never came failed the association.
            Assert.Contains("handshake-timeout", e.Message);
        }
    }

    private ActorSystem Start(string name, string overrides = "") => _systems.Start(name, overrides);

    /// <summary>The transport's own security block: the other user allowed, or only ours (the default).</summary>
    private static string AllowedUids(bool otherUserAllowed) =>
        otherUserAllowed ? $"security.allowed-uids = [{OtherUserId}]" : "";

    private ActorSystem StartLocal(string name) => _systems.StartLocal(name);

    /// <summary>The section a directly created transport gets: this test's directory, then <paramref name="overrides"/>.</summary>
    private Config DirectSection(string overrides) =>
        ConfigurationFactory.ParseString(overrides)
            .WithFallback(ConfigurationFactory.ParseString($"pipe-directory = \"{PipeDirectory}\""));

    /// <summary>Listens with a transport of its own, associates with <paramref name="remote"/> and returns the failure.</summary>
    private async Task<InvalidAssociationException> AssociateDirectAsync(string name, string overrides, Address remote, Action? afterListen = null)
    {
        var transport = new NamedPipeTransport(StartLocal(name), DirectSection(overrides));
        try
        {
            await transport.Listen().WaitAsync(Bound);
            afterListen?.Invoke();
            return await Assert.ThrowsAsync<InvalidAssociationException>(() => transport.Associate(remote).WaitAsync(Bound));
        }
        finally
        {
            await transport.Shutdown().WaitAsync(Bound);
        }
    }

    private Task AssertStartFailsAsInUseAsync(string name, int id) =>
        _systems.AssertStartFailsAsync(name, $"port = {id}", $"listener id is in use: id={id},");

    private static Address AddressOf(ActorSystem system) => LocalTransportSystems.AddressOf(system);

    private string PipeFile(int id) => NamedPipeTransport.PipeName(PipeDirectory, id);

    /// <summary>A pipe file nobody accepts on, as a crashed process leaves it.</summary>
    private string CreateStalePipeFile(int id)
    {
        RuntimeDirectory.EnsureCreated(PipeDirectory);
        return StaleSocketFile.Create(PipeFile(id));
    }

    /// <summary>A listener id no system in this test's directory uses yet.</summary>
    private int FreshId() => LocalTransportSystems.FreshId(PipeFile);

    private static string OnOff(bool value) => value ? "on" : "off";

    /// <summary>True when one of the next connections <paramref name="listener"/> accepts carries <see cref="Marker"/>.</summary>
    /// <remarks>The liveness probes of the failed start queue first; they close without a byte.</remarks>
    private static async Task<bool> AcceptsMarkerAsync(Socket listener)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            using var accepted = await listener.AcceptAsync().WaitAsync(Bound);
            var buffer = new byte[1];
            if (await accepted.ReceiveAsync(buffer).WaitAsync(Bound) == 1 && buffer[0] == Marker)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a thread of its own whose effective user is <see cref="OtherUserId"/>.
    /// Linux keeps credentials per thread: glibc's setresuid changes every thread of the process, the raw
    /// system call only the calling one, so the rest of the test process stays root.
    /// </summary>
    private static void AsOtherUser(Action action)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                SetThreadEffectiveUserId(OtherUserId);
                try
                {
                    action();
                }
                finally
                {
                    SetThreadEffectiveUserId(0);
                }
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        Assert.True(thread.Join(Bound), "the thread acting as another user did not finish");
        failure?.Throw();
    }

    private static void SetThreadEffectiveUserId(int userId)
    {
        var setresuid = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 117,
            Architecture.Arm64 => 147,
            var other => throw new PlatformNotSupportedException($"no setresuid system call number for {other}"),
        };
        if (Syscall(setresuid, -1, userId, -1) != 0)
        {
            throw new InvalidOperationException($"setresuid(-1, {userId}, -1) failed: errno={Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, long realUserId, long effectiveUserId, long savedUserId);

    /// <summary>A theory that runs only as root: only root can act as another user.</summary>
    public sealed class RootOnlyTheoryAttribute : TheoryAttribute
    {
        public RootOnlyTheoryAttribute()
        {
            if (Interop.GetEUid() != 0)
            {
                Skip = "only root can act as another user";
            }
        }
    }
}
