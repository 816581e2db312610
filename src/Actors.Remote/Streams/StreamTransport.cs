using System.Collections.Concurrent;
using Actors.Remote.Configuration;
using Actors.Remote.DeathWatch;
using Actors.Remote.Diagnostics;
using Actors.Remote.Diagnostics.ExpectedDeaths;
using Actors.Remote.Handshake;
using Actors.Remote.Platform;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport;

namespace Actors.Remote.Streams;

/// <summary>
/// An Akka.Remote transport over any duplex byte stream. A subclass says only how to bind a listener
/// and how to connect; the hello, the framing, batching, back-pressure and death news live here once.
/// </summary>
/// <remarks>
/// Akka creates a transport by reflection through a public <c>(ActorSystem, Config)</c> constructor and
/// passes the transport's own HOCON section; the defaults from <c>reference.conf</c> are put behind it.
/// </remarks>
internal abstract partial class StreamTransport : Transport
{
    // Keyed by identity: two handles may share a pair of addresses while one is still closing.
    private readonly ConcurrentDictionary<StreamAssociationHandle, byte> _handles = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _shutdown = new();
    private IStreamListener? _listener;

    // Inbound connections still in their hello; bounded by maximum-pending-handshakes.
    private readonly PendingHandshakes _pendingHandshakes;

    /// <param name="system">The actor system that owns the transport.</param>
    /// <param name="config">The transport's HOCON section, as Akka passes it.</param>
    /// <param name="defaultsPath">Where this transport's defaults sit in <c>reference.conf</c>.</param>
    /// <param name="schemeIdentifier">The raw scheme; Akka prefixes it with <c>akka.</c>.</param>
    protected StreamTransport(ActorSystem system, Config config, string defaultsPath, string schemeIdentifier)
    {
        System = system;
        Config = ReferenceConfig.WithDefaults(config, defaultsPath);
        SchemeIdentifier = schemeIdentifier;
        Log = Logging.GetLogger(system, GetType());
        Reader = new SettingsReader(Config, defaultsPath);
        StreamSettings = StreamTransportSettings.FromConfig(Reader);
        MaximumPayloadBytes = StreamSettings.MaximumFrameSize;
        Security = SecuritySettings.FromConfig(system.Settings.Config, config);
        _pendingHandshakes = new PendingHandshakes(Security.MaximumPendingHandshakes);
        ProviderCheck.Warn(system, Log);
    }

    /// <summary>Who may connect: the shared secret, the allowed local users, the pending-hello limit.</summary>
    public SecuritySettings Security { get; }

    /// <summary>The settings shared by every stream transport.</summary>
    public StreamTransportSettings StreamSettings { get; }

    /// <summary>The address this transport listens at, once <see cref="Listen"/> has completed.</summary>
    public Address? LocalAddress => _listener?.LocalAddress;

    /// <summary>The associations open right now.</summary>
    public IReadOnlyCollection<StreamAssociationHandle> Associations => _handles.Keys.ToArray();

    /// <summary>Akka's logger for this transport.</summary>
    protected ILoggingAdapter Log { get; }

    /// <summary>Reads the transport's own keys with clear errors.</summary>
    internal SettingsReader Reader { get; }

    /// <summary>Binds the listener.</summary>
    protected abstract Task<IStreamListener> BindAsync(CancellationToken cancellationToken);

    /// <summary>Connects to <paramref name="remoteAddress"/>; throws with a clear message when it cannot.</summary>
    protected abstract Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override async Task<(Address, TaskCompletionSource<IAssociationEventListener>)> Listen()
    {
        try
        {
            _listener = await BindAsync(_shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Akka wraps this several layers deep and logs "[Startup failed] []": say the cause first, once.
            var failure = TransportStartupException.Of(SchemeIdentifier, e);
            Log.Error(failure.Message);
            throw failure;
        }

        StreamLaneRegistry.AddTransport(System, AkkaProtocol, this);
        var associationListener = new TaskCompletionSource<IAssociationEventListener>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(() => AcceptLoopAsync(_listener, associationListener.Task));
        Log.Info("listening at {0}", _listener.LocalAddress);
        return (_listener.LocalAddress, associationListener);
    }

    /// <inheritdoc />
    public override bool IsResponsibleFor(Address remote) => true;

    /// <inheritdoc />
    public override async Task<AssociationHandle> Associate(Address remoteAddress)
    {
        var local = LocalAddress ?? throw new InvalidOperationException("Associate was called before Listen");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        deadline.CancelAfter(StreamSettings.ConnectionTimeout);
        Stream stream;
        try
        {
            stream = await ConnectAsync(remoteAddress, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!_shutdown.IsCancellationRequested)
        {
            throw new InvalidAssociationException(
                $"[{local}->{remoteAddress}] could not connect within connection-timeout={StreamSettings.ConnectionTimeout.TotalMilliseconds:0} ms{WhereLooked(remoteAddress)}", e);
        }
        catch (Exception e) when (e is not InvalidAssociationException)
        {
            throw new InvalidAssociationException($"[{local}->{remoteAddress}] could not connect: {e.Message}{WhereLooked(remoteAddress)}", e);
        }

        try
        {
            var hello = await Handshaker.ExchangeAsync(stream, StreamSettings.HandshakeTimeout, _shutdown.Token, AkkaAddressOf(local), Security, HandshakeRole.Connecting).ConfigureAwait(false);
            var watched = await VouchForPeerAsync(stream, hello, remoteAddress).ConfigureAwait(false);
            var established = await EstablishWithinHandshakeTimeoutAsync(stream, hello, outbound: true).ConfigureAwait(false);
            return Register(new StreamAssociationHandle(local, remoteAddress, established, hello.ProcessId, StreamSettings, Log), watched, outbound: true);
        }
        catch (Exception e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            if (e is HandshakeException && !_shutdown.IsCancellationRequested)
            {
                RemoteMetrics.HandshakeRefused(System.Name, SchemeIdentifier, MetricTags.Classic, HandshakeRefusal.Of(e));
                Log.Warning("[{0}->{1}] refused by this side or the peer during the hello: {2}", local, remoteAddress, e.Message);
            }

            throw new InvalidAssociationException($"[{local}->{remoteAddress}] handshake failed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override async Task<bool> Shutdown()
    {
        _shutdown.Cancel();
        StreamLaneRegistry.RemoveTransport(System, AkkaProtocol, this);

        // Akka has flushed its last messages into the associations' outbound buffers: let each send
        // what it holds (for at most flush-timeout) before closing, or those messages are lost.
        var handles = _handles.Keys.ToArray();
        foreach (var handle in handles)
        {
#pragma warning disable CS0618 // The obsolete overload is the one Akka's contract names.
            handle.Disassociate();
#pragma warning restore CS0618
        }

        try
        {
            await Task.WhenAll(handles.Select(h => h.Closed))
                .WaitAsync(StreamSettings.FlushTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.Warning("{0} association(s) did not finish sending within flush-timeout; closing them", handles.Count(h => !h.Closed.IsCompleted));
        }

        foreach (var handle in handles)
        {
            handle.Abort();
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await OnShutdownAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Turns a connection whose hello has been exchanged into the stream the association runs on.
    /// Most transports use the connection itself; shared memory sets up its segment here, so that
    /// nothing is created or mapped for a peer that has not passed the hello. On failure the
    /// caller disposes <paramref name="connection"/>; on success the returned stream owns it.
    /// </summary>
    protected virtual Task<Stream> EstablishAsync(Stream connection, TransportHello peer, bool outbound, CancellationToken cancellationToken) =>
        Task.FromResult(connection);

    /// <summary>Releases what a subclass holds beyond the listener and the associations.</summary>
    protected virtual ValueTask OnShutdownAsync() => ValueTask.CompletedTask;

    private async Task<Stream> EstablishWithinHandshakeTimeoutAsync(Stream connection, TransportHello peer, bool outbound)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        deadline.CancelAfter(StreamSettings.HandshakeTimeout);
        try
        {
            return await EstablishAsync(connection, peer, outbound, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!_shutdown.IsCancellationRequested)
        {
            throw new HandshakeException($"setting up the association took longer than handshake-timeout={StreamSettings.HandshakeTimeout.TotalMilliseconds:0} ms", e, reason: HandshakeRefusal.Timeout);
        }
    }

    private async Task AcceptLoopAsync(IStreamListener listener, Task<IAssociationEventListener> associationListener)
    {
        try
        {
            // Until Akka sets its listener, connections wait in the OS backlog.
            var eventListener = await associationListener.WaitAsync(_shutdown.Token).ConfigureAwait(false);
            var acceptor = new BackoffAcceptor(listener, Log, listener.LocalAddress.ToString());
            while (!_shutdown.IsCancellationRequested)
            {
                var accepted = await acceptor.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
                if (!_pendingHandshakes.TryEnter())
                {
                    RemoteMetrics.HandshakeRefused(System.Name, SchemeIdentifier, MetricTags.Classic, HandshakeRefusal.PendingLimit);
                    Log.Warning(
                        "[{0}<-{1}] refused an inbound connection: {2} connections are already in their hello (maximum-pending-handshakes)",
                        listener.LocalAddress, DescribePeer(accepted), Security.MaximumPendingHandshakes);
                    await accepted.Stream.DisposeAsync().ConfigureAwait(false);
                    continue;
                }

                _ = Task.Run(() => AcceptInboundAsync(listener.LocalAddress, accepted, eventListener));
            }
        }
        catch (Exception) when (_shutdown.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            // Only a listener disposed under us ends here: every failed accept is waited out.
            Log.Error(e, "[{0}] the listener was closed; no more inbound associations", listener.LocalAddress);
        }
    }

    private async Task AcceptInboundAsync(Address local, AcceptedStream accepted, IAssociationEventListener eventListener)
    {
        var peer = DescribePeer(accepted);
        var stream = accepted.Stream;
        try
        {
            TransportHello hello;
            WatchedPeer? watched;
            Stream established;
            try
            {
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token))
                {
                    deadline.CancelAfter(StreamSettings.HandshakeTimeout);
                    stream = await SecureInboundAsync(stream, deadline.Token).ConfigureAwait(false);
                }

                hello = await Handshaker.ExchangeAsync(stream, StreamSettings.HandshakeTimeout, _shutdown.Token, AkkaAddressOf(local), Security, HandshakeRole.Accepting, LaneHelloFlags).ConfigureAwait(false);
                watched = await VouchForPeerAsync(stream, hello, dialed: null).ConfigureAwait(false);
                if (hello.OpensLane)
                {
                    await AcceptLaneAsync(stream, hello).ConfigureAwait(false);
                    return;
                }

                established = await EstablishWithinHandshakeTimeoutAsync(stream, hello, outbound: false).ConfigureAwait(false);
            }
            finally
            {
                _pendingHandshakes.Exit();
            }

            // Names the peer in this transport's log lines only: Akka takes an inbound association's
            // remote address from its own handshake (the origin the peer's endpoint states).
            var remote = new Address(
                SchemeIdentifier,
                PeerSystemName(hello),
                accepted.RemoteHost ?? local.Host,
                accepted.RemotePort ?? watched?.ProcessId ?? hello.ProcessId);
            var handle = Register(new StreamAssociationHandle(local, remote, established, hello.ProcessId, StreamSettings, Log), watched, outbound: false);
            eventListener.Notify(new InboundAssociation(handle));
        }
        catch (HandshakeException e) when (e.PeerSentNothing)
        {
            Log.Debug("[{0}<-{1}] closed an inbound connection: {2}", local, peer, e.Message);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested)
        {
            RemoteMetrics.HandshakeRefused(System.Name, SchemeIdentifier, MetricTags.Classic, HandshakeRefusal.Timeout);
            Log.Warning("[{0}<-{1}] refused an inbound connection: no TLS handshake within handshake-timeout={2} ms", local, peer, StreamSettings.HandshakeTimeout.TotalMilliseconds);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (!_shutdown.IsCancellationRequested)
        {
            RemoteMetrics.HandshakeRefused(System.Name, SchemeIdentifier, MetricTags.Classic, HandshakeRefusal.Of(e));
            Log.Warning("[{0}<-{1}] refused an inbound connection: {2}", local, peer, e.Message);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Wraps an accepted stream before its hello (TLS on TCP); the default keeps it as it is. Throws
    /// with a message saying why when the peer is refused; the deadline is handshake-timeout.
    /// </summary>
    protected virtual Task<Stream> SecureInboundAsync(Stream stream, CancellationToken cancellationToken) => Task.FromResult(stream);

    private StreamAssociationHandle Register(StreamAssociationHandle handle, WatchedPeer? watched, bool outbound)
    {
        _handles.TryAdd(handle, 0);
        OpenAssociations.Track(handle, System, handle.Describe(outbound));
        if (watched is not null)
        {
            PeerFates.Watching(watched.Address, watched.ProcessId);
        }

        handle.Closed.ContinueWith(
            _ =>
            {
                _handles.TryRemove(handle, out var _);
                OpenAssociations.Untrack(handle);
                // Any end but our own shutdown: a peer that closed cleanly while exiting is gone a
                // moment later, and its watchers should not wait for the failure detector either.
                if (watched is not null && !_shutdown.IsCancellationRequested)
                {
                    _ = ConfirmDeathAndReclaimAsync(watched.Address, watched.ProcessId, handle.ClosedAtTimestamp);
                }
                else if (watched is not null)
                {
                    // Our own shutdown ended it: no death to confirm, and Akka's lines about it need not wait for one.
                    PeerFates.Ending(watched.Address, watched.ProcessId, Task.FromResult(false));
                }
            },
            TaskScheduler.Default);
        handle.Start();
        return handle;
    }

    /// <summary>
    /// Tells watchers at once when the peer's process is gone, and removes the listener files it could
    /// not remove itself (a SIGKILL leaves them), so none wait for the next start on this transport.
    /// </summary>
    private async Task ConfirmDeathAndReclaimAsync(Address peerAddress, int processId, long endedAtTimestamp)
    {
        if (await PeerDeathConfirmation.ConfirmAsync(System, peerAddress, processId, Log, endedAtTimestamp).ConfigureAwait(false))
        {
            foreach (var path in ListenerFilesOf(peerAddress))
            {
                await SocketFiles.ReclaimWhenClosedAsync(path, SocketFiles.ListenerCloseWindow, Log, IsListenerFileLive).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The socket files a listener at <paramref name="peerAddress"/> keeps on this machine; removed by
    /// the survivor once that listener's process is confirmed gone (and the files are not live). None by default.
    /// </summary>
    protected virtual IEnumerable<string> ListenerFilesOf(Address peerAddress) => [];

    /// <summary>
    /// ": looked for path=... in runtime directory=...": where a local transport looked for the listener
    /// of <paramref name="remoteAddress"/>, so a "could not connect" shows a mismatch of directories at
    /// once (two processes with different XDG_RUNTIME_DIR or socket-directory); empty for TCP.
    /// </summary>
    private string WhereLooked(Address remoteAddress)
    {
        var files = remoteAddress.Port is null ? [] : ListenerFilesOf(remoteAddress).ToArray();
        return files.Length == 0 ? string.Empty : $": looked for path={string.Join(", ", files)} in runtime directory={Path.GetDirectoryName(files[0])}";
    }

    /// <summary>True while a listener takes connections on <paramref name="path"/>, one of <see cref="ListenerFilesOf"/>'s files; by default a socket file.</summary>
    protected virtual bool IsListenerFileLive(string path) => SocketFiles.IsLive(path);

    /// <summary>How a log line names an inbound peer: its TCP endpoint, or its process and user when the kernel knows them.</summary>
    private static string DescribePeer(AcceptedStream accepted)
    {
        if (accepted.RemoteHost is not null)
        {
            return $"{accepted.RemoteHost}:{accepted.RemotePort}";
        }

        try
        {
            return PeerCredentials.Of(accepted.Stream) is { } credentials ? $"local peer {credentials}" : "a local peer";
        }
        catch (IOException)
        {
            return "a local peer";
        }
    }

    /// <summary>
    /// True for transports whose kernel can vouch for the peer's process (all local ones, and TCP to a
    /// peer in this network namespace): when such an association is lost, the transport checks whether
    /// the peer's process is gone and, if so, publishes
    /// <see cref="PeerProcessExited"/> so watchers learn of the crash at once.
    /// </summary>
    protected virtual bool ConfirmsPeerDeath => false;

    // The hello carries each side's address as Akka knows it (with Akka's prefix), so that a peer's
    // death can be told to Akka under the address its watchers use.
    private static string AkkaAddressOf(Address raw) => $"akka.{raw}";

    private static Address? PeerAkkaAddress(TransportHello hello) =>
        Address.TryParse(hello.ListenAddress, out var address) ? address : null;
}
