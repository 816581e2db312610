using System.Collections.Concurrent;
using System.Threading.Channels;
using Actors.Remote.Handshake;
using Actors.Remote.Pipes.Multiplexing;
using Actors.Remote.Platform;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace Actors.Remote.Pipes;

/// <summary>
/// Anonymous pipes between a parent process and the children it starts: no name, no file on disk.
/// Address: <c>akka.apipe://system@host:port</c>, where host is this machine's name and port is the
/// process id. A system reaches exactly its parent (when it was started over a pipe) and the children
/// it started with <see cref="ChildPipeLink"/>; any other address is refused.
/// </summary>
/// <remarks>
/// Each pipe pair carries a <see cref="LinkMultiplexer"/>, so each Akka association is a channel and
/// either side may associate first. When the parent's end of the link closes (the parent exited or
/// died) the child's system terminates itself (<c>terminate-when-parent-exits</c>), so a child never
/// outlives its parent by accident.
/// </remarks>
internal sealed class AnonymousPipeTransport : StreamTransport
{
    /// <summary>The raw scheme; addresses read <c>akka.apipe://...</c>.</summary>
    public const string Scheme = "apipe";

    /// <summary>Where the defaults of this transport sit in reference.conf.</summary>
    public const string ConfigPath = "akka.remote.actors.apipe";

    // Channels opened by peers wait here until the base accepts them; a peer that opens channels
    // faster than they are accepted has the surplus refused.
    private const int PendingChannelLimit = 64;

    private static readonly ConcurrentDictionary<ActorSystem, AnonymousPipeTransport> s_bySystem = new();

    private readonly ConcurrentDictionary<int, LinkMultiplexer> _links = new();
    private readonly Channel<AcceptedStream> _opened = Channel.CreateBounded<AcceptedStream>(PendingChannelLimit);
    private readonly bool _terminateWhenParentExits;

    /// <summary>Creates the transport; Akka.Remote calls this with the system and the transport's HOCON section.</summary>
    public AnonymousPipeTransport(ActorSystem system, Config config) : base(system, config, ConfigPath, Scheme)
    {
        _terminateWhenParentExits = Reader.GetBoolean("terminate-when-parent-exits");
        MachineHost = ThisMachine.HostName(StreamSettings.Hostname);
        s_bySystem[system] = this;
    }

    /// <summary>The host written into addresses: this machine.</summary>
    public string MachineHost { get; }

    /// <summary>The anonymous pipe transport of <paramref name="system"/>, if its HOCON enables one.</summary>
    public static AnonymousPipeTransport? For(ActorSystem system) => s_bySystem.GetValueOrDefault(system);

    /// <summary>The process ids this system has a pipe link to right now.</summary>
    public IReadOnlyCollection<int> LinkedProcessIds => _links.Keys.ToArray();

    /// <summary>Adopts the pipe pair of a child this process started (see <see cref="ChildPipeLink"/>).</summary>
    public void AddChildLink(int childProcessId, Stream fromChild, Stream toChild) =>
        AddLink(childProcessId, fromChild, toChild, isParent: false);

    /// <summary>Adopts the pipe pair to this process's parent; normally found through <see cref="ParentPipe"/> at start.</summary>
    internal void AddParentLink(int parentProcessId, Stream fromParent, Stream toParent) =>
        AddLink(parentProcessId, fromParent, toParent, isParent: true);

    /// <inheritdoc />
    protected override bool ConfirmsPeerDeath => true;

    /// <summary>
    /// The pid of the process at the other end of the channel's link: a child's pid is the one its start
    /// returned, the parent's the one it handed down with the pipe; never what a hello says. A hello that
    /// states another pid is let in (the pipe is ours: only that process holds it) but its end is not
    /// taken for anyone's death.
    /// </summary>
    protected override int? KernelPeerProcessId(Stream connection, TransportHello hello)
    {
        if (connection is not LinkChannelStream channel
            || _links.FirstOrDefault(pair => ReferenceEquals(pair.Value, channel.Link)) is not { Value: not null } link)
        {
            return null;
        }

        if (link.Key != hello.ProcessId)
        {
            Log.Warning("a channel's hello states pid {0}, but its pipe links to pid {1}: its end will not be taken for a death", hello.ProcessId, link.Key);
            return null;
        }

        return link.Key;
    }

    /// <summary>An apipe address's port is its process id: the claimed address is the linked process's when they agree.</summary>
    protected override Task<bool> ListenerBelongsToAsync(Address claimed, int processId, CancellationToken cancellationToken) =>
        Task.FromResult(IsLocalAddressOfThisScheme(claimed) && claimed.Port == processId);

    /// <inheritdoc />
    protected override Task<IStreamListener> BindAsync(CancellationToken cancellationToken)
    {
        var address = new Address(SchemeIdentifier, System.Name, MachineHost, Environment.ProcessId);
        var parent = ParentPipe.TakeFromEnvironment();
        if (parent is not null)
        {
            var (input, output) = parent.Open();
            AddParentLink(parent.ParentProcessId, input, output);
            Log.Info("linked to the parent process (pid {0}) over an anonymous pipe", parent.ParentProcessId);
        }

        return Task.FromResult<IStreamListener>(new ChannelStreamListener(address, _opened.Reader));
    }

    /// <inheritdoc />
    protected override async Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken)
    {
        var pid = ThisMachine.PortOf(remoteAddress, MachineHost, Scheme);
        if (!_links.TryGetValue(pid, out var link))
        {
            throw new IOException(
                $"apipe reaches only this process's parent and the children it started over a pipe; no link to pid {pid}");
        }

        return await link.OpenChannelAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask OnShutdownAsync()
    {
        s_bySystem.TryRemove(System, out _);
        _opened.Writer.TryComplete();
        foreach (var pid in _links.Keys)
        {
            if (_links.TryRemove(pid, out var link))
            {
                await link.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void AddLink(int processId, Stream input, Stream output, bool isParent)
    {
        var description = isParent ? $"apipe parent pid {processId}" : $"apipe child pid {processId}";
        // The parent opens even channels, the child odd ones.
        var link = new LinkMultiplexer(input, output, opensEvenChannels: !isParent, OnChannelOpenedByPeer, Log, description);
        _links[processId] = link;
        link.Completion.ContinueWith(_ => OnLinkEnded(processId, link, isParent), TaskScheduler.Default);
        link.Start();
    }

    private void OnChannelOpenedByPeer(LinkChannelStream channel)
    {
        if (!_opened.Writer.TryWrite(new AcceptedStream(channel, null, null)))
        {
            Log.Warning("refused a channel opened by a peer: {0} channels already wait to be accepted", PendingChannelLimit);
            channel.Dispose();
        }
    }

    private void OnLinkEnded(int processId, LinkMultiplexer link, bool isParent)
    {
        _links.TryRemove(new KeyValuePair<int, LinkMultiplexer>(processId, link));
        if (isParent && _terminateWhenParentExits && !System.WhenTerminated.IsCompleted)
        {
            Log.Warning("the parent process (pid {0}) is gone; terminating this actor system (terminate-when-parent-exits = on)", processId);
            System.Terminate();
        }
    }
}
