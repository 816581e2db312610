using System.Collections.Concurrent;
using System.Net.Sockets;
using Actors.Remote.Configuration;
using Actors.Remote.Diagnostics;
using Actors.Remote.Handshake;
using Actors.Remote.Native;
using Actors.Remote.Platform;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Event;
using Akka.Remote;

namespace Actors.Remote.FastLane;

/// <summary>
/// The lanes of one actor system: where peers open lanes into this system, and the lanes this system
/// opened to its peers. A lane carries one direction; each side opens its own. Its records travel in a
/// shared-memory ring (the system's transport is <c>akka.shm</c>) or on a connection of the system's
/// stream transport (<see cref="StreamLaneCarrier"/>), which moves into a ring by itself when the peer
/// shares this machine and user (<see cref="RingUpgrade"/>); everything else here is the same for all.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Over a stream transport a lane connection is let in by that transport's own accept path, on its
/// terms (TLS, <c>security</c>, pending-hello limit); then each side says its system's uid.</item>
/// <item>Over shm, the listener's control socket is <c>lane-&lt;port&gt;.sock</c> beside the shared-memory transport's
/// <c>shm-&lt;port&gt;.sock</c>, with the port of this system's shm address, so a peer finds it from
/// the address alone.</item>
/// <item>A lane is let in on the shm transport's own terms: its <c>security</c> (the transport's section in
/// front of <c>akka.remote.actors.security</c>), its pending-hello limit, its rendezvous and its heartbeat
/// and stale-peer settings. Then each side says its system's uid (<see cref="LaneGreeting"/>).</item>
/// <item>Quarantine: once Akka quarantines a peer's incarnation (address and uid), its lanes both ways are
/// closed and none is opened to or accepted from it again; its messages then take the classic path, where
/// Akka drops them.</item>
/// </list>
/// </remarks>
internal sealed class LaneHub : IDisposable
{
    private readonly ConcurrentDictionary<Address, OutboundLane> _outbound = new();
    private readonly Dictionary<string, InboundLane> _inbound = new(StringComparer.Ordinal);
    private readonly HashSet<string> _releasedEarly = new(StringComparer.Ordinal);

    // Large-message channels named by their small channel before they were admitted: name -> the small channel.
    private readonly Dictionary<string, InboundLane> _pairedEarly = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<LanePeer, byte> _quarantined = new();
    private readonly Lock _inboundGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<ILaneSerialization> _serialization;
    private readonly PendingHandshakes _pendingHandshakes;
    private readonly StreamTransport? _transport;
    private IStreamListener? _listener;

    private LaneHub(ExtendedActorSystem system, RemoteActorRefProvider provider, LaneSettings settings, Address localAddress, StreamTransport? transport)
    {
        _transport = transport;
        System = system;
        Provider = provider;
        Settings = settings;
        LocalAddress = localAddress;
        LocalUid = AddressUidExtension.Uid(system);
        Log = Logging.GetLogger(system, typeof(LaneHub));
        var shmSection = system.Settings.Config.GetConfig(SharedMemoryTransport.ConfigPath) ?? Akka.Configuration.Config.Empty;
        var shm = SharedMemorySettings.FromConfig(
            new SettingsReader(ReferenceConfig.WithDefaults(shmSection, SharedMemoryTransport.ConfigPath), SharedMemoryTransport.ConfigPath));
        // The lane's own ring, waiting and segment place; the shm transport's heartbeat and park settings.
        RingSettings = shm with { RingSize = settings.RingSize, WaitStrategy = settings.WaitStrategy, SegmentDirectory = settings.SegmentDirectory };
        Security = transport?.Security ?? SecuritySettings.FromConfig(system.Settings.Config, shmSection);
        _pendingHandshakes = new PendingHandshakes(Security.MaximumPendingHandshakes);
        // Made on first use: the provider's serialization address is known once remoting has started.
        _serialization = new Lazy<ILaneSerialization>(() =>
            new AkkaLaneSerialization(system, localAddress, provider.SerializationInformation.Address.Equals(localAddress)));
        Carrier = transport is null ? new RingLaneCarrier(this) : new StreamLaneCarrier(this, transport);
    }

    /// <summary>How this system's lanes reach their peers.</summary>
    public ILaneCarrier Carrier { get; }

    /// <summary>The transport tag of the lanes' measurements (<c>shm</c>, or the stream transport's scheme).</summary>
    public string TransportTag => Carrier.TransportTag;

    /// <summary>The largest message record a lane takes.</summary>
    public int MaximumMessageBytes => Carrier.MaximumRecordBytes;

    /// <summary>Who may open a lane: the shm transport's secret, allowed users and pending-hello limit.</summary>
    public SecuritySettings Security { get; }

    public ExtendedActorSystem System { get; }

    public RemoteActorRefProvider Provider { get; }

    public LaneSettings Settings { get; }

    /// <summary>This system's address on the lane's transport (with Akka's prefix: <c>akka.shm://...</c>, <c>akka.uds://...</c>).</summary>
    public Address LocalAddress { get; }

    /// <summary>This system's uid, as Akka's quarantine names it.</summary>
    public int LocalUid { get; }

    public ILoggingAdapter Log { get; }

    /// <summary>The ring, segment and heartbeat settings of the lanes' links.</summary>
    public SharedMemorySettings RingSettings { get; }

    /// <summary>How the lanes serialize messages.</summary>
    public ILaneSerialization Serialization => _serialization.Value;

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts lanes over a stream transport: its accept path hands this hub the lane connections; creates the barrier actor.</summary>
    public static LaneHub StartOverStream(ExtendedActorSystem system, RemoteActorRefProvider provider, LaneSettings settings, Address localAddress, StreamTransport transport)
    {
        var hub = new LaneHub(system, provider, settings, localAddress, transport);
        StreamLaneRegistry.SetAcceptor(system, (StreamLaneCarrier)hub.Carrier);
        system.SystemActorOf(Props.Create(() => new LaneBarrierActor(hub)), LaneBarrierActor.Name);
        system.RegisterOnTermination(hub.Dispose);
        hub.Log.Info("fast lane over {0} at {1}", transport.SchemeIdentifier, localAddress);
        return hub;
    }

    /// <summary>Starts lanes in shared-memory rings: binds the lane listener and creates the barrier actor.</summary>
    public static LaneHub Start(ExtendedActorSystem system, RemoteActorRefProvider provider, LaneSettings settings, Address localAddress)
    {
        var hub = new LaneHub(system, provider, settings, localAddress, transport: null);
        RuntimeDirectory.EnsureCreated(settings.SocketDirectory);
        SocketFiles.ReclaimStale(settings.SocketDirectory, "lane-*.sock", hub.Log);
        var path = hub.ControlSocketPath(localAddress.Port!.Value);
        hub._listener = UnixSocketEndpoint.TryBind(path, localAddress, hub.Log)
            ?? throw new IOException($"the lane listener {path} is held by a live process");
        system.SystemActorOf(Props.Create(() => new LaneBarrierActor(hub)), LaneBarrierActor.Name);
        _ = Task.Run(hub.AcceptLoopAsync);
        system.RegisterOnTermination(hub.Dispose);
        hub.Log.Info("fast lane listening at {0}", path);
        return hub;
    }

    /// <summary>True for a peer on the lane's transport (not this system itself); over shm, on this machine.</summary>
    public bool CanReach(Address address) =>
        address.Protocol == LocalAddress.Protocol
        && (_transport is not null || address.Host == LocalAddress.Host)
        && !address.Equals(LocalAddress)
        && address.Port is not null;

    /// <summary>The lane from this system to <paramref name="remote"/>; opened on first use.</summary>
    public OutboundLane LaneTo(Address remote) => _outbound.GetOrAdd(remote, address => new OutboundLane(this, address));

    /// <summary>The control socket of the lane listener of the system whose shm port is <paramref name="port"/>.</summary>
    public string ControlSocketPath(int port) => Path.Combine(Settings.SocketDirectory, $"lane-{port}.sock");

    /// <summary>The path a peer resolves <paramref name="actor"/> by: ours carry this system's lane address.</summary>
    public string PathOf(IActorRef actor) =>
        actor.Path.Address.HasLocalScope ? actor.Path.ToSerializationFormatWithAddress(LocalAddress) : actor.Path.ToSerializationFormat();

    /// <summary>True once Akka has quarantined this incarnation of the peer.</summary>
    public bool IsQuarantined(LanePeer peer) => _quarantined.ContainsKey(peer);

    /// <summary>Akka quarantined <paramref name="peer"/>: its lanes close both ways, and none opens to or from it again.</summary>
    public void Quarantine(LanePeer peer)
    {
        if (!_quarantined.TryAdd(peer, 0))
        {
            return;
        }

        if (_outbound.TryGetValue(peer.Address, out var outbound))
        {
            outbound.Quarantine(peer);
        }

        InboundLane[] inbound;
        lock (_inboundGate)
        {
            inbound = _inbound.Values.Where(lane => lane.Peer.Equals(peer)).ToArray();
        }

        foreach (var lane in inbound)
        {
            lane.Drop($"{peer} is quarantined");
        }
    }

    /// <summary>Removes the lane listener file of <paramref name="peer"/>, a system whose process has exited, unless a live listener holds it.</summary>
    public void ReclaimListenerFileOf(Address peer)
    {
        if (_transport is null && peer.Protocol == LocalAddress.Protocol && peer.Host == LocalAddress.Host && peer.Port is { } port)
        {
            _ = SocketFiles.ReclaimWhenClosedAsync(ControlSocketPath(port), SocketFiles.ListenerCloseWindow, Log);
        }
    }

    /// <summary>The barrier for the lane whose segment is <paramref name="segment"/> has arrived: let its messages flow.</summary>
    public void Release(string segment)
    {
        InboundLane? lane;
        lock (_inboundGate)
        {
            if (!_inbound.TryGetValue(segment, out lane))
            {
                // The barrier overtook the end of our own rendezvous: release the lane as it registers.
                _releasedEarly.Add(segment);
                return;
            }
        }

        lane.Release();
    }

    /// <summary>
    /// <paramref name="small"/>'s channel record names <paramref name="name"/> as its large-message channel: pairs and
    /// releases that lane now, or as it is admitted (its rendezvous may end here after the record was read).
    /// </summary>
    /// <exception cref="RingCorruptedException">The named lane is not a fresh lane of the same peer.</exception>
    public void PairLargeChannel(string name, InboundLane small)
    {
        InboundLane? large;
        lock (_inboundGate)
        {
            if (!_inbound.TryGetValue(name, out large))
            {
                _pairedEarly[name] = small;
                return;
            }
        }

        large.BecomeLargeChannelOf(small);
    }

    /// <summary>The address a lane opener's hello states.</summary>
    /// <exception cref="HandshakeException">It states none we can parse.</exception>
    public static Address AddressOf(TransportHello hello) =>
        Address.TryParse(hello.ListenAddress, out var address)
            ? address
            : throw new HandshakeException($"the peer's hello names no address we can parse ({hello.ListenAddress.Length} characters)", reason: HandshakeRefusal.Malformed);

    /// <summary>Says our system's uid on a lane connection and reads the peer's; refuses a quarantined incarnation.</summary>
    public async Task<LanePeer> GreetAsync(Stream connection, Address peerAddress, CancellationToken cancellationToken)
    {
        var peer = new LanePeer(peerAddress, await LaneGreeting.ExchangeAsync(connection, LocalUid, cancellationToken).ConfigureAwait(false));
        return IsQuarantined(peer)
            ? throw new HandshakeException($"{peer} is quarantined", reason: HandshakeRefusal.Quarantined)
            : peer;
    }

    /// <summary>Starts an inbound lane from <paramref name="peer"/> whose link <paramref name="link"/> makes; its messages flow once its barrier is here.</summary>
    public void Admit(Func<Action<string>, ILaneReceivingLink> link, LanePeer peer)
    {
        var lane = new InboundLane(this, link, peer);
        bool releasedEarly;
        InboundLane? small;
        lock (_inboundGate)
        {
            _inbound[lane.Name] = lane;
            releasedEarly = _releasedEarly.Remove(lane.Name);
            _pairedEarly.Remove(lane.Name, out small);
        }

        lane.Start();
        if (releasedEarly)
        {
            lane.Release();
        }

        if (small is not null)
        {
            try
            {
                lane.BecomeLargeChannelOf(small);
            }
            catch (RingCorruptedException e)
            {
                Log.Error(e, "fast lane from {0}: closing it", small.Peer.Address);
                small.Close(e.Message);
            }
        }

        // Quarantined while we accepted: the news may have come before the lane was registered.
        if (IsQuarantined(peer))
        {
            lane.Drop($"{peer} is quarantined");
        }
    }

    /// <summary>Inbound links reading now (a lane with a large-message channel counts two).</summary>
    public int InboundLinkCount
    {
        get
        {
            lock (_inboundGate)
            {
                return _inbound.Count;
            }
        }
    }

    /// <summary>Forgets an inbound lane that has ended.</summary>
    public void Forget(InboundLane lane)
    {
        lock (_inboundGate)
        {
            _inbound.Remove(lane.Name);
            foreach (var (name, small) in _pairedEarly)
            {
                if (ReferenceEquals(small, lane))
                {
                    _pairedEarly.Remove(name);
                }
            }
        }
    }

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        if (_transport is not null)
        {
            StreamLaneRegistry.SetAcceptor(System, null);
        }

        _listener?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(1));
        foreach (var lane in _outbound.Values)
        {
            lane.Close("the actor system is shutting down");
        }

        InboundLane[] inbound;
        lock (_inboundGate)
        {
            inbound = _inbound.Values.ToArray();
        }

        foreach (var lane in inbound)
        {
            lane.Close("the actor system is shutting down");
        }
    }

    private async Task AcceptLoopAsync()
    {
        var acceptor = new BackoffAcceptor(_listener!, Log, $"fast lane {ControlSocketPath(LocalAddress.Port!.Value)}");
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var accepted = await acceptor.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                if (!_pendingHandshakes.TryEnter())
                {
                    RemoteMetrics.HandshakeRefused(System.Name, MetricTags.LaneTransport, MetricTags.Lane, HandshakeRefusal.PendingLimit);
                    Log.Warning(
                        "refused a fast lane connection: {0} connections are already in their hello (maximum-pending-handshakes)",
                        Security.MaximumPendingHandshakes);
                    await accepted.Stream.DisposeAsync().ConfigureAwait(false);
                    continue;
                }

                _ = Task.Run(() => AcceptLaneAsync(accepted));
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            // Only a listener disposed under us ends here: every failed accept is waited out.
            Log.Error(e, "the fast lane listener was closed; peers keep the classic path");
        }
    }

    private async Task AcceptLaneAsync(AcceptedStream accepted)
    {
        var control = (NetworkStream)accepted.Stream;
        try
        {
            SharedSegment segment;
            LanePeer peer;
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                deadline.CancelAfter(Settings.OpenTimeout);
                var hello = await Handshaker.ExchangeAsync(
                    control, Settings.OpenTimeout, deadline.Token, LocalAddress.ToString(), Security, HandshakeRole.Accepting, TransportHello.LargeChannelFlag).ConfigureAwait(false);
                peer = await GreetAsync(control, AddressOf(hello), deadline.Token).ConfigureAwait(false);
                segment = await SegmentRendezvous.AcceptAsync(control, RingSettings, Interop.GetEUid(), deadline.Token).ConfigureAwait(false);
            }
            finally
            {
                _pendingHandshakes.Exit();
            }

            Admit(ended => new RingLaneLink(segment, control.Socket, RingSettings, Settings.WaitStrategy, ended), peer);
        }
        catch (HandshakeException e) when (e.PeerSentNothing)
        {
            // A liveness probe (a starting system checks whether our socket file is live).
            Log.Debug("closed a lane connection that said nothing: {0}", e.Message);
            await control.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            RemoteMetrics.HandshakeRefused(System.Name, MetricTags.LaneTransport, MetricTags.Lane, HandshakeRefusal.Of(e));
            Log.Warning("refused a fast lane from a local peer: {0}", e.Message);
            await control.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            await control.DisposeAsync().ConfigureAwait(false);
        }
    }
}
