using Actors.Remote.Handshake;
using Actors.Remote.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;
using Xunit.Abstractions;

namespace Actors.Remote.Tests.Conformance;

/// <summary>
/// What every Actors transport must do, run against two real ActorSystems in this process.
/// A transport joins by subclassing: it names its shipped HOCON file and how to open a raw
/// connection to a listener (for the bad-input cases). With the fast lane on (<see cref="LaneConformanceSpec"/>),
/// the cases that send user messages open the lane first and fail unless those messages took it.
/// </summary>
public abstract partial class TransportConformanceSpec : Akka.TestKit.Xunit2.TestKit
{
    /// <summary>The frame limit both systems run with here, small so the limit cases stay fast.</summary>
    protected const int FrameLimit = 64 * 1024;

    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Both systems share this secret, so every case below also runs the HMAC proof.</summary>
    private const string SharedSecret = "conformance-shared-secret-0123456789";

    /// <summary>The pending-hello limit both systems run with here, small so the limit is reached.</summary>
    private const int PendingLimit = 8;

    private static readonly SecuritySettings RightSecret = new(SharedSecret);

    private readonly ActorSystem _remote;

    protected TransportConformanceSpec(string configFile, string sectionPath, ITestOutputHelper output)
        : this(ShippedConfig.Load(configFile), sectionPath, output)
    {
    }

    /// <param name="transport">The config both systems run on (a shipped file, perhaps with settings in front of it).</param>
    /// <param name="sectionPath">The transport's section, where the limits of these cases are set.</param>
    /// <param name="output">The test's output.</param>
    protected TransportConformanceSpec(Config transport, string sectionPath, ITestOutputHelper output)
        : base(SystemConfig(transport, sectionPath), "local", output)
    {
        _remote = ActorSystem.Create("remote", SystemConfig(transport, sectionPath));
        _remote.ActorOf(Props.Create(() => new EchoActor()), "echo");
        RemoteAddress = ((ExtendedActorSystem)_remote).Provider.DefaultAddress;
        ConnectSystems(Sys, _remote);
    }

    /// <summary>The second system, for transports whose tests must wire the two together.</summary>
    protected ActorSystem Remote => _remote;

    /// <summary>Links the two systems where the transport has no listener to find (point-to-point links).</summary>
    protected virtual void ConnectSystems(ActorSystem local, ActorSystem remote)
    {
    }

    /// <summary>The address of the second system.</summary>
    protected Address RemoteAddress { get; }

    /// <summary>Opens a raw byte stream to the listener at <paramref name="address"/>, bypassing Akka.</summary>
    protected abstract Task<Stream> ConnectRawAsync(Address address);

    /// <summary>
    /// What a raw client does between a valid hello and its first frame; nothing by default. Shared
    /// memory sets up its segment here and returns the stream over the rings.
    /// </summary>
    protected virtual Task<Stream> AfterHelloAsync(Stream raw) => Task.FromResult(raw);

    /// <summary>The files the listener at <paramref name="address"/> keeps in the runtime directory; none by default.</summary>
    protected virtual IEnumerable<string> FilesOf(Address address) => [];

    private static Config SystemConfig(Config transport, string sectionPath) =>
        ConfigurationFactory.ParseString($"""
            {sectionPath}.maximum-frame-size = {FrameLimit}b
            {sectionPath}.outbound-buffer-size = 1 MiB
            {sectionPath}.handshake-timeout = 2 s
            akka.remote.actors.security.secret = "{SharedSecret}"
            akka.remote.actors.security.maximum-pending-handshakes = {PendingLimit}
            # A system shut down in this process leaves no dead process to confirm: its watchers learn of it from the
            # watch failure detector, here in about a second instead of the shipped configs' five.
            akka.remote.watch-failure-detector.heartbeat-interval = 200 ms
            akka.remote.watch-failure-detector.acceptable-heartbeat-pause = 1 s
            akka.remote.watch-failure-detector.unreachable-nodes-reaper-interval = 200 ms
            """).WithFallback(transport);

    [Fact]
    public async Task Tell_and_Ask_reach_an_actor_in_the_other_system()
    {
        var echo = await ResolveEchoAsync();
        var sent = LaneSentCount();

        echo.Tell(new Ping(1, "tell"));
        await ExpectMsgAsync<Ping>(p => Assert.Equal(new Ping(1, "tell"), p), Timeout);

        var reply = await echo.Ask<Ping>(new Ping(2, "ask"), Timeout);
        Assert.Equal(new Ping(2, "ask"), reply);
        AssertTookTheLane(sent, 2);
    }

    [Fact]
    public async Task Message_just_under_the_frame_limit_arrives_and_one_over_is_refused_while_the_association_lives()
    {
        var echo = await ResolveEchoAsync();
        var sent = LaneSentCount();
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));

        var underLimit = new byte[FrameLimit - 1024];
        Random.Shared.NextBytes(underLimit);
        echo.Tell(new Blob(underLimit));
        await ExpectMsgAsync<Blob>(b => Assert.Equal(underLimit, b.Data), Timeout);

        echo.Tell(new Blob(new byte[FrameLimit + 1]));
        await errors.FishForMessageAsync<Error>(e => Describe(e).Contains("Discarding oversized payload"), Timeout);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        echo.Tell(new Ping(3, "still associated"));
        await ExpectMsgAsync<Ping>(p => Assert.Equal(3, p.Seq), Timeout);
        AssertTookTheLane(sent, 2);
    }

    [Fact]
    public async Task Hundred_thousand_messages_arrive_in_order_with_none_lost_or_duplicated()
    {
        const int count = 100_000;
        var checker = _remote.ActorOf(Props.Create(() => new SequenceCheckerActor(count)), "checker");
        var remoteChecker = await ResolveAsync("checker");
        var sent = LaneSentCount();

        for (var i = 0; i < count; i++)
        {
            remoteChecker.Tell(new Numbered(i), TestActor);
        }

        var report = await ExpectMsgAsync<SequenceReport>(TimeSpan.FromSeconds(90));
        Assert.Equal(new SequenceReport(count, count), report);
        AssertTookTheLane(sent, count);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        checker.Tell(PoisonPill.Instance);
    }

    [Fact]
    public async Task Watcher_gets_Terminated_when_the_other_system_shuts_down()
    {
        var echo = await ResolveEchoAsync();
        await WatchAsync(echo);

        await _remote.Terminate().WaitAsync(Timeout);

        await ExpectTerminatedAsync(echo, Timeout);
        if (LaneTransport is not null)
        {
            // The lane ends with the system it reached, as the association does.
            await AwaitConditionAsync(() => Task.FromResult(!LanesTo(RemoteAddress).Any()), Timeout, LanePollInterval, "a lane outlived the system it reached");
        }
    }

    [LaneAwareFact(LaneAwareCase.ListenerFiles)]
    public async Task Shutting_both_systems_down_leaves_no_file_of_theirs_behind()
    {
        var localAddress = ((ExtendedActorSystem)Sys).Provider.DefaultAddress;
        var files = FilesOf(localAddress).Concat(FilesOf(RemoteAddress)).ToArray();
        await AssertStillServingAsync();
        Assert.All(files, file => Assert.True(File.Exists(file), $"{file} should exist while its listener runs"));

        await _remote.Terminate().WaitAsync(Timeout);
        await Sys.Terminate().WaitAsync(Timeout);

        Assert.All(files, file => Assert.False(File.Exists(file), $"{file} is left behind after shutdown"));
    }

    [LaneAwareFact(LaneAwareCase.ClassicAssociation)]
    public async Task Garbage_written_into_the_listener_is_refused_and_the_listener_keeps_serving()
    {
        var warnings = CreateTestProbe();
        _remote.EventStream.Subscribe(warnings.Ref, typeof(Warning));

        await using (var raw = await ConnectRawAsync(RemoteAddress))
        {
            var garbage = new byte[256];
            Random.Shared.NextBytes(garbage);
            await raw.WriteAsync(garbage);
            await AssertClosedByPeerAsync(raw);
        }

        await warnings.FishForMessageAsync<Warning>(
            w => Describe(w).Contains("refused an inbound connection") && Describe(w).Contains("magic"),
            Timeout);
        await AssertStillServingAsync();
    }

    [LaneAwareFact(LaneAwareCase.ClassicAssociation)]
    public async Task Silent_connection_is_dropped_after_the_handshake_timeout_and_the_listener_keeps_serving()
    {
        var warnings = CreateTestProbe();
        _remote.EventStream.Subscribe(warnings.Ref, typeof(Warning));

        await using var raw = await ConnectRawAsync(RemoteAddress);

        await warnings.FishForMessageAsync<Warning>(w => Describe(w).Contains("handshake-timeout"), Timeout);
        await AssertClosedByPeerAsync(raw);
        await AssertStillServingAsync();
    }

    [LaneAwareFact(LaneAwareCase.ClassicAssociation)]
    public async Task Frame_announcing_two_gigabytes_after_a_valid_hello_drops_only_that_association()
    {
        var errors = CreateTestProbe();
        _remote.EventStream.Subscribe(errors.Ref, typeof(Error));

        await using (var raw = await HelloAsync())
        {
            await raw.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4 });
            await AssertClosedByPeerAsync(raw);
        }

        await errors.FishForMessageAsync<Error>(e => Describe(e).Contains("frame exceeds maximum-frame-size"), Timeout);
        await AssertStillServingAsync();
    }

    [LaneAwareFact(LaneAwareCase.ClassicAssociation)]
    public async Task Connection_that_stops_half_way_through_a_frame_is_dropped_with_a_clear_log_line()
    {
        var errors = CreateTestProbe();
        _remote.EventStream.Subscribe(errors.Ref, typeof(Error));

        await using (var raw = await HelloAsync())
        {
            // A header announcing 1000 bytes, then only 10 of them.
            await raw.WriteAsync(new byte[] { 0xE8, 0x03, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
        }

        await errors.FishForMessageAsync<Error>(e => Describe(e).Contains("stream ended inside a frame"), Timeout);
        await AssertStillServingAsync();
    }

    [LaneAwareFact(LaneAwareCase.ClassicAssociation)]
    public Task Peer_with_a_wrong_secret_is_refused_on_both_sides_and_the_listener_keeps_serving() =>
        AssertRefusedOnBothSidesAsync(
            new SecuritySettings("a-secret-the-listener-does-not-know"),
            ourReason: "proof",
            listenerReason: "shared-secret proof is wrong");

    [LaneAwareFact(LaneAwareCase.ClassicAssociation)]
    public Task Peer_without_a_secret_is_refused_on_both_sides_and_the_listener_keeps_serving() =>
        AssertRefusedOnBothSidesAsync(
            SecuritySettings.Default,
            ourReason: "requires a shared secret, and none is configured on this side",
            listenerReason: "has no shared secret");

    [LaneAwareFact(LaneAwareCase.ClassicAssociation)]
    public async Task Connections_beyond_the_pending_hello_limit_are_closed_at_once_with_a_log_line()
    {
        var warnings = CreateTestProbe();
        _remote.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        var silent = new List<Stream>();
        try
        {
            for (var i = 0; i < PendingLimit; i++)
            {
                silent.Add(await ConnectRawAsync(RemoteAddress));
            }

            var extra = ConnectRawAsync(RemoteAddress);
            await warnings.FishForMessageAsync<Warning>(w => Describe(w).Contains("maximum-pending-handshakes"), Timeout);

            // Refused at once: the stream is closed, or (FIFOs) the connect itself never completes.
            var connected = await Record.ExceptionAsync(async () =>
            {
                await using var stream = await extra.WaitAsync(Timeout);
                await AssertClosedByPeerAsync(stream);
            });
            Assert.True(connected is null or IOException or OperationCanceledException, $"unexpected: {connected}");
        }
        finally
        {
            foreach (var stream in silent)
            {
                await stream.DisposeAsync();
            }
        }

        // The silent connections hold their slots until the listener sees them end; a FIFO client
        // refused meanwhile only learns it by its connect timing out, and Akka then gates the address
        // for a few seconds. Serving again within that time is what a user relies on.
        await AssertServingAgainWithinAsync(TimeSpan.FromSeconds(30));
    }

    private async Task AssertServingAgainWithinAsync(TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            try
            {
                var echo = await Sys.ActorSelection(new RootActorPath(RemoteAddress) / "user" / "echo").ResolveOne(TimeSpan.FromSeconds(3));
                var reply = await echo.Ask<Ping>(new Ping(42, "still serving"), TimeSpan.FromSeconds(3));
                Assert.Equal(42, reply.Seq);
                return;
            }
            catch (Exception e) when (e is ActorNotFoundException or AskTimeoutException && DateTime.UtcNow < deadline)
            {
                Output?.WriteLine($"not serving yet: {e.Message}");
            }
        }
    }

    [Fact]
    public async Task Waves_of_bad_connections_lose_no_message_of_a_well_behaved_peer_and_memory_stays_bounded()
    {
        const int messages = 5_000;
        const int waves = 10;
        var checker = _remote.ActorOf(Props.Create(() => new SequenceCheckerActor(messages)), "bad-input-checker");
        var remoteChecker = await ResolveAsync("bad-input-checker");
        var sent = LaneSentCount();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < messages; i++)
            {
                remoteChecker.Tell(new Numbered(i), TestActor);
                if (i % 500 == 0)
                {
                    await Task.Yield();
                }
            }
        });

        // Each wave stays under the pending-hello limit, so every bad connection reaches the check it targets.
        var bad = 0;
        for (var wave = 0; wave < waves; wave++)
        {
            await Task.WhenAll(
                RawAsync(RandomBytes(512)),
                RawAsync(RandomBytes(7), closeOurselves: true),
                SendAfterHelloAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4 }),
                SendAfterHelloAsync(new byte[] { 0x00, 0x00, 0x00, 0x80 }),
                SendAfterHelloAsync(new byte[] { 0xE8, 0x03, 0, 0, 1, 2, 3 }, closeOurselves: true),
                SendAfterHelloAsync([0xC8, 0, 0, 0, .. RandomBytes(200)])).WaitAsync(Timeout * 2);
            bad += 6;
        }

        await sender.WaitAsync(Timeout);
        var report = await ExpectMsgAsync<SequenceReport>(TimeSpan.FromSeconds(60));
        Assert.Equal(new SequenceReport(messages, messages), report);

        var grown = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        Assert.True(grown < 64L * 1024 * 1024, $"{bad} bad connections grew the heap by {grown} bytes");
        Assert.Equal(waves * 6, bad);
        AssertTookTheLane(sent, messages);
        checker.Tell(PoisonPill.Instance);
        await AssertStillServingAsync();
    }

    protected override void AfterAll()
    {
        _remote.Terminate().Wait(Timeout);
        base.AfterAll();
    }

    private Task<IActorRef> ResolveEchoAsync() => ResolveAsync("echo");

    /// <summary>Connects raw and completes a valid hello, so what follows reaches the frame decoder.</summary>
    private async Task<Stream> HelloAsync()
    {
        var raw = await ConnectRawAsync(RemoteAddress);
        try
        {
            await Handshaker.ExchangeAsync(raw, Timeout, CancellationToken.None, security: RightSecret, role: HandshakeRole.Connecting);
            return await AfterHelloAsync(raw);
        }
        catch
        {
            await raw.DisposeAsync();
            throw;
        }
    }

    private async Task AssertRefusedOnBothSidesAsync(SecuritySettings ours, string ourReason, string listenerReason)
    {
        var warnings = CreateTestProbe();
        _remote.EventStream.Subscribe(warnings.Ref, typeof(Warning));

        await using (var raw = await ConnectRawAsync(RemoteAddress))
        {
            var refused = await Assert.ThrowsAsync<HandshakeException>(() => Handshaker.ExchangeAsync(raw, Timeout, CancellationToken.None, security: ours, role: HandshakeRole.Connecting));
            Assert.Contains(ourReason, refused.Message);
        }

        await warnings.FishForMessageAsync<Warning>(
            w => Describe(w).Contains("refused an inbound connection") && Describe(w).Contains(listenerReason),
            Timeout);
        await AssertStillServingAsync();
    }

    /// <summary>Connects raw and writes <paramref name="bytes"/> where the hello belongs.</summary>
    private async Task RawAsync(byte[] bytes, bool closeOurselves = false)
    {
        await using var raw = await ConnectRawAsync(RemoteAddress);
        await raw.WriteAsync(bytes);
        await raw.FlushAsync();
        if (!closeOurselves)
        {
            await AssertClosedByPeerAsync(raw);
        }
    }

    /// <summary>A valid hello and proof, then <paramref name="bytes"/>: the frame decoder must drop the association.</summary>
    private async Task SendAfterHelloAsync(byte[] bytes, bool closeOurselves = false)
    {
        await using var raw = await HelloAsync();
        await raw.WriteAsync(bytes);
        await raw.FlushAsync();
        if (!closeOurselves)
        {
            await AssertClosedByPeerAsync(raw);
        }
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private async Task AssertStillServingAsync()
    {
        var echo = await ResolveEchoAsync();
        var sent = LaneSentCount();
        var reply = await echo.Ask<Ping>(new Ping(42, "still serving"), Timeout);
        Assert.Equal(42, reply.Seq);
        AssertTookTheLane(sent, 1);
    }

    private static async Task AssertClosedByPeerAsync(Stream raw)
    {
        var buffer = new byte[1024];
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            while (await raw.ReadAsync(buffer, deadline.Token) > 0)
            {
                // The listener may have sent its own hello first; read on until it closes.
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }

    private static string Describe(LogEvent e) => $"{e.Message} {(e as Error)?.Cause?.Message}";
}
