using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipes;
using System.Runtime.Versioning;
using System.Text;
using Actors.Remote.Configuration;
using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Actors.Remote.Pipes;
using Actors.Remote.Platform;
using Actors.Remote.Streams;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport;
using Xunit.Abstractions;
using static Actors.Remote.Native.Interop.OpenFlags;

namespace Actors.Remote.Tests.Pipes;

/// <summary>
/// The FIFO transport inside real ActorSystems, each test with a FIFO directory of its own (deleted
/// afterwards). The test kit's own system stays local: it only holds the probes that read log events.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class FifoTransportTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly TimeSpan Bound = LocalTransportSystems.Bound;

    private readonly LocalTransportSystems _systems = new("fifo.conf", FifoTransport.ConfigPath, "fifo-directory");

    /// <summary>The FIFO directory the systems are told to use; the transport creates it.</summary>
    private string FifoDirectory => _systems.FileDirectory;

    [Fact]
    public void Start_FreePort_CreatesARequestFifoMode0600InADirectoryMode0700()
    {
        var address = AddressOf(StartServer());

        Assert.Equal("akka.fifo", address.Protocol);
        Assert.Equal(Environment.MachineName, address.Host);
        Assert.NotEqual(0, address.Port);
        var status = Interop.StatX(RequestFifoOf(address));
        Assert.True(status.IsFifo, $"the request FIFO is not a FIFO: mode=0x{status.Mode:X4}");
        Assert.Equal(OwnerReadWrite, status.Permissions);
        Assert.Equal(Interop.GetEUid(), status.Uid);
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(FifoDirectory));
    }

    [Fact]
    public async Task Associate_Established_LeavesNoConnectionFifoBehind()
    {
        var server = StartServer();

        await AssertEchoAnswersAsync(server);

        Assert.Empty(ConnectionFifos());
        Assert.True(File.Exists(RequestFifoOf(AddressOf(server))), "the request FIFO went away while the listener runs");
    }

    [Fact]
    public async Task Terminate_RunningSystem_RemovesItsRequestFifo()
    {
        var system = _systems.Start("fifo-cleanup");
        var requestFifo = RequestFifoOf(AddressOf(system));
        Assert.True(File.Exists(requestFifo), "the request FIFO is missing while the system runs");

        await system.Terminate().WaitAsync(Bound);

        Assert.False(File.Exists(requestFifo), "the request FIFO outlived the system");
    }

    [Fact]
    public async Task Start_ConfiguredPortWithStaleRequestFifo_ReclaimsTheIdAndAnswers()
    {
        var id = FreshId();
        var requestFifo = CreateFifo(FifoNames.RequestPath(FifoDirectory, id));
        Assert.False(FifoStreamListener.IsLive(requestFifo), "nobody should read the stale request FIFO");

        var server = StartServer($"port = {id}");

        Assert.Equal(id, AddressOf(server).Port);
        Assert.True(FifoStreamListener.IsLive(requestFifo), "the reclaimed id has no live listener");
        await AssertEchoAnswersAsync(server);
    }

    [Fact]
    public async Task Start_ConfiguredPortHeldByALiveListener_FailsSayingTheIdIsInUse()
    {
        var id = FreshId();
        var requestFifo = CreateFifo(FifoNames.RequestPath(FifoDirectory, id));
        using var liveReader = Interop.Open(requestFifo, ReadWrite | NonBlocking | CloseOnExec);

        await _systems.AssertStartFailsAsync("fifo-taken", $"port = {id}", $"listener id is in use: id={id},");

        Assert.True(FifoStreamListener.IsLive(requestFifo), "the live listener's request FIFO was taken away");
    }

    [Fact]
    public void Start_AnyPort_RemovesConnectionFifosOfADeadProcessAndKeepsThoseOfALiveOne()
    {
        RuntimeDirectory.EnsureCreated(FifoDirectory);
        var deadToken = FifoNames.Token(ImpossibleProcessId(), 1);
        var liveToken = FifoNames.Token(Environment.ProcessId, long.MaxValue);
        string[] dead = [CreateConnectionFifo(FifoNames.ClientToServerPath, deadToken), CreateConnectionFifo(FifoNames.ServerToClientPath, deadToken)];
        string[] live = [CreateConnectionFifo(FifoNames.ClientToServerPath, liveToken), CreateConnectionFifo(FifoNames.ServerToClientPath, liveToken)];

        _systems.Start("fifo-next");

        Assert.All(dead, path => Assert.False(File.Exists(path), $"{path} of a dead process was not reclaimed"));
        Assert.All(live, path => Assert.True(File.Exists(path), $"{path} of a live process was removed"));
    }

    [Fact]
    public async Task Announcement_WithBadMagic_IsRefusedWithALogLineAndTheListenerKeepsServing()
    {
        var server = StartServer();
        var warnings = WarningsOf(server);
        var garbage = new byte[FifoAnnouncement.MaximumEncodedLength];
        Random.Shared.NextBytes(garbage);
        BinaryPrimitives.WriteInt32LittleEndian(garbage, FifoAnnouncement.Magic ^ 0x01010101);

        await WriteIntoRequestFifoAsync(server, garbage);

        await warnings.FishForMessageAsync<Warning>(w => Line(w).Contains("refused an announcement") && Line(w).Contains("magic=0x"), Bound);
        await AssertEchoAnswersAsync(server);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("1-2/../../x")]
    [InlineData("0-1")]
    [InlineData("12")]
    public async Task Announcement_WithMalformedToken_IsRefusedWithALogLineAndTheListenerKeepsServing(string token)
    {
        var server = StartServer();
        var warnings = WarningsOf(server);

        await WriteIntoRequestFifoAsync(server, RawAnnouncement(token));

        await warnings.FishForMessageAsync<Warning>(
            w => Line(w).Contains("refused an announcement") && Line(w).Contains("malformed announcement token"),
            Bound);
        await AssertEchoAnswersAsync(server);
    }

    [Fact]
    public async Task Announcement_WithAValidTokenButNoFifos_IsRefusedAndTheListenerKeepsServing()
    {
        var server = StartServer();
        var warnings = WarningsOf(server);

        await WriteIntoRequestFifoAsync(server, RawAnnouncement(FifoNames.Token(Environment.ProcessId, long.MaxValue)));

        await warnings.FishForMessageAsync<Warning>(w => Line(w).Contains("refused an announcement") && Line(w).Contains("ENOENT"), Bound);
        await AssertEchoAnswersAsync(server);
    }

    [Fact]
    public async Task Associate_NoListenerOrAnotherHost_FailsFastSayingWhy()
    {
        var system = _systems.Start("fifo-direct");
        var transport = new FifoTransport(system, system.Settings.Config.GetConfig(FifoTransport.ConfigPath));
        try
        {
            await transport.Listen().WaitAsync(Bound);
            var staleId = FreshId();
            CreateFifo(FifoNames.RequestPath(FifoDirectory, staleId));
            var missingId = FreshId();
            var elapsed = Stopwatch.StartNew();

            var missing = await Assert.ThrowsAsync<InvalidAssociationException>(() => transport.Associate(At(Environment.MachineName, missingId)).WaitAsync(Bound));
            var stale = await Assert.ThrowsAsync<InvalidAssociationException>(() => transport.Associate(At(Environment.MachineName, staleId)).WaitAsync(Bound));
            var elsewhere = await Assert.ThrowsAsync<InvalidAssociationException>(() => transport.Associate(At("another-machine.invalid", staleId)).WaitAsync(Bound));

            Assert.Contains($"no fifo listener with id {missingId}", missing.Message);
            Assert.Contains("does not exist", missing.Message);
            Assert.Contains($"no fifo listener with id {staleId}", stale.Message);
            Assert.Contains("nobody reads", stale.Message);
            Assert.Contains("only this machine", elsewhere.Message);
            Assert.Contains("another-machine.invalid", elsewhere.Message);
            Assert.True(
                elapsed.Elapsed < transport.StreamSettings.ConnectionTimeout / 2,
                $"failing took {elapsed.Elapsed.TotalMilliseconds:0} ms; it should not wait for connection-timeout");
            Assert.Empty(ConnectionFifos());
        }
        finally
        {
            await transport.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Connect_TwentyClientsAtOnce_AllGetThrough()
    {
        const int clients = 20;
        var id = AddressOf(StartServer()).Port!.Value;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var deadline = new CancellationTokenSource(Bound);

        var connects = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            await using var stream = await FifoConnector.ConnectAsync(FifoDirectory, id, NoLogger.Instance, deadline.Token);
            return await Handshaker.ExchangeAsync(stream, Bound, deadline.Token);
        })).ToArray();
        go.SetResult();
        var hellos = await Task.WhenAll(connects).WaitAsync(Bound);

        Assert.Equal(clients, hellos.Length);
        Assert.All(hellos, hello => Assert.Equal(Environment.ProcessId, hello.ProcessId));
        Assert.Empty(ConnectionFifos());
    }

    [Fact]
    public void ReferenceConf_FifoDefaults_ArePinned()
    {
        var transport = new FifoTransport(_systems.StartLocal("fifo-defaults"), Config.Empty);

        Assert.Equal(
            new StreamTransportSettings("", 0, "", 1024 * 1024, 4 * 1024 * 1024, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)),
            transport.StreamSettings);
        Assert.Equal(RuntimeDirectory.Resolve(""), transport.FifoDirectory);
        Assert.Equal(Environment.MachineName, transport.MachineHost);
        Assert.Equal(
            "Actors.Remote.Pipes.FifoTransport, Actors.Remote",
            ReferenceConfig.Default.GetString($"{FifoTransport.ConfigPath}.transport-class"));
    }

    [Fact]
    public void FifoAnnouncement_LongestRecord_FitsOneAtomicPipeWrite()
    {
        var longest = new FifoAnnouncement(FifoNames.Token(int.MaxValue, long.MaxValue));
        var buffer = new byte[FifoAnnouncement.MaximumEncodedLength];

        Assert.Equal(FifoAnnouncement.MaximumEncodedLength, longest.Encode(buffer));
        Assert.True(FifoAnnouncement.MaximumEncodedLength <= FifoAnnouncement.PosixPipeBufferMinimum);
    }

    [Fact]
    public void FifoAnnouncement_RecordsBackToBack_DecodeOneByOne()
    {
        var first = new FifoAnnouncement(FifoNames.Token(101, 1));
        var second = new FifoAnnouncement(FifoNames.Token(202, 2));
        var bytes = new byte[first.EncodedLength + second.EncodedLength];
        first.Encode(bytes);
        second.Encode(bytes.AsSpan(first.EncodedLength));

        Assert.True(FifoAnnouncement.TryDecode(bytes, out var one, out var consumed, out _));
        Assert.Equal(first, one);
        Assert.True(FifoAnnouncement.TryDecode(bytes.AsSpan(consumed), out var two, out var rest, out _));
        Assert.Equal(second, two);
        Assert.Equal(bytes.Length, consumed + rest);

        Assert.False(FifoAnnouncement.TryDecode(bytes.AsSpan(0, first.EncodedLength - 1), out _, out var none, out var error));
        Assert.Equal(0, none);
        Assert.Null(error);
    }

    [Fact]
    public void FifoAnnouncement_UnknownVersion_IsRefusedAndTheNextRecordIsFound()
    {
        var good = new FifoAnnouncement(FifoNames.Token(303, 3));
        var bytes = new byte[2 * good.EncodedLength];
        good.Encode(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), FifoAnnouncement.CurrentVersion + 1);
        good.Encode(bytes.AsSpan(good.EncodedLength));

        Assert.False(FifoAnnouncement.TryDecode(bytes, out _, out var skipped, out var error));
        Assert.Contains($"unsupported announcement version={FifoAnnouncement.CurrentVersion + 1}", error);
        Assert.Equal(good.EncodedLength, skipped);
        Assert.True(FifoAnnouncement.TryDecode(bytes.AsSpan(skipped), out var next, out _, out _));
        Assert.Equal(good, next);
    }

    [Theory]
    [InlineData("1-0", true)]
    [InlineData("4194304-18446744", true)]
    [InlineData("0-1", false)]
    [InlineData("01-1", false)]
    [InlineData("1-", false)]
    [InlineData("-1", false)]
    [InlineData("1-2-3", false)]
    [InlineData("1-2.c2s", false)]
    [InlineData("../1-2", false)]
    [InlineData("1 -2", false)]
    [InlineData("\u0661-2", false)]
    [InlineData("99999999999-1", false)]
    public void FifoNames_Token_AcceptsOnlyPidDashCounter(string token, bool valid)
    {
        Assert.Equal(valid, FifoNames.IsValidToken(token));
    }

    protected override void AfterAll()
    {
        try
        {
            _systems.DisposeAsync().AsTask().Wait(Bound);
        }
        finally
        {
            base.AfterAll();
        }
    }

    private static Address AddressOf(ActorSystem system) => LocalTransportSystems.AddressOf(system);

    private static Address At(string host, int id) => new("akka.fifo", "remote", host, id);

    private string RequestFifoOf(Address address) => FifoNames.RequestPath(FifoDirectory, address.Port!.Value);

    private int FreshId() => LocalTransportSystems.FreshId(id => FifoNames.RequestPath(FifoDirectory, id));

    /// <summary>A listening system with an echo actor.</summary>
    private ActorSystem StartServer(string overrides = "")
    {
        var server = _systems.Start("fifo-server", overrides);
        server.ActorOf(Props.Create(() => new EchoActor()), "echo");
        return server;
    }

    /// <summary>A probe that receives every warning <paramref name="system"/> logs from now on.</summary>
    private Akka.TestKit.TestProbe WarningsOf(ActorSystem system)
    {
        var warnings = CreateTestProbe();
        system.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        return warnings;
    }

    /// <summary>A new client system resolves the echo actor of <paramref name="server"/> and gets an answer.</summary>
    private async Task AssertEchoAnswersAsync(ActorSystem server)
    {
        var echo = await _systems.ResolveEchoAsync(server, "fifo-client");
        var reply = await echo.Ask<Ping>(new Ping(42, "still serving"), Bound);
        Assert.Equal(42, reply.Seq);
    }

    /// <summary>Writes raw bytes into the request FIFO of <paramref name="server"/>, as a client writes its announcement.</summary>
    private async Task WriteIntoRequestFifoAsync(ActorSystem server, byte[] bytes)
    {
        await using var request = new AnonymousPipeClientStream(
            PipeDirection.Out,
            Interop.Open(RequestFifoOf(AddressOf(server)), WriteOnly | NonBlocking | CloseOnExec));
        await request.WriteAsync(bytes).AsTask().WaitAsync(Bound);
    }

    /// <summary>An announcement carrying <paramref name="token"/> as is, valid or not.</summary>
    private static byte[] RawAnnouncement(string token)
    {
        var bytes = new byte[FifoAnnouncement.HeaderLength + token.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, FifoAnnouncement.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), FifoAnnouncement.CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)token.Length);
        Encoding.ASCII.GetBytes(token, bytes.AsSpan(FifoAnnouncement.HeaderLength));
        return bytes;
    }

    /// <summary>Creates a FIFO (0600) nobody has open, as a crashed process leaves it.</summary>
    private string CreateFifo(string path)
    {
        RuntimeDirectory.EnsureCreated(FifoDirectory);
        var errno = Interop.TryMkFifo(path, OwnerReadWrite);
        Assert.True(errno == 0, $"mkfifo {path}: {Interop.ErrnoName(errno)}");
        return path;
    }

    /// <summary>One FIFO of a half-done connect to listener 4242, named by <paramref name="pathOf"/>.</summary>
    private string CreateConnectionFifo(Func<string, int, string, string> pathOf, string token) =>
        CreateFifo(pathOf(FifoDirectory, 4242, token));

    /// <summary>The connection FIFOs (.c2s/.s2c) present in the directory.</summary>
    private string[] ConnectionFifos() =>
        Directory.EnumerateFiles(FifoDirectory, FifoNames.FilePattern)
            .Where(path => FifoNames.TryParseConnectionFileName(Path.GetFileName(path), out _))
            .ToArray();

    /// <summary>A pid above the kernel's pid_max: no process can have it.</summary>
    private static int ImpossibleProcessId() =>
        int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture) + 1;

    private static string Line(LogEvent e) => $"{e.Message} {(e as Error)?.Cause?.Message}";
}
