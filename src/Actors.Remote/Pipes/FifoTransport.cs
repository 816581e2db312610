using System.IO.Pipes;
using Actors.Remote.Handshake;
using Actors.Remote.Platform;
using Actors.Remote.Streams;
using Akka.Actor;
using Akka.Configuration;

namespace Actors.Remote.Pipes;

/// <summary>
/// POSIX FIFOs (named pipes made by mkfifo) between processes on one Linux machine. Address:
/// <c>akka.fifo://system@host:port</c>, where host is the machine's name and port a listener id naming
/// the request FIFO <c>fifo-&lt;port&gt;.req</c> in the per-user runtime directory; port 0 picks a free id.
/// </summary>
/// <remarks>
/// <para>Each association is two FIFOs, one per direction. A client creates them, announces itself in
/// the listener's request FIFO (one atomic write, so many clients may connect at once), and both sides
/// open their ends without blocking; then the files are unlinked. See <see cref="FifoConnector"/> and
/// <see cref="FifoStreamListener"/> for the protocol.</para>
/// <para>Every FIFO is mode 0600 in a 0700 directory. End-of-stream on the read FIFO means the peer is
/// gone (it reports <c>Disassociated</c> at once); a write to a FIFO whose reader died fails with EPIPE,
/// with the same outcome. Shutdown removes the request FIFO; a crashed process's request FIFO is removed
/// by the peers that saw it die (else when a FIFO listener next starts), and the FIFOs of a connect it did
/// not finish when a FIFO listener next starts.</para>
/// </remarks>
internal sealed class FifoTransport : StreamTransport
{
    /// <summary>The raw scheme; addresses read <c>akka.fifo://...</c>.</summary>
    public const string Scheme = "fifo";

    /// <summary>Where the defaults of this transport sit in reference.conf.</summary>
    public const string ConfigPath = "akka.remote.actors.fifo";

    /// <summary>Creates the transport; Akka.Remote calls this with the system and the transport's HOCON section.</summary>
    public FifoTransport(ActorSystem system, Config config) : base(system, config, ConfigPath, Scheme)
    {
        FifoDirectory = RuntimeDirectory.Resolve(Reader.GetString("fifo-directory"), Log);
        MachineHost = ThisMachine.HostName(StreamSettings.Hostname);
    }

    /// <summary>The directory holding the FIFOs.</summary>
    public string FifoDirectory { get; }

    /// <summary>The host written into addresses: this machine.</summary>
    public string MachineHost { get; }

    /// <inheritdoc />
    protected override bool ConfirmsPeerDeath => true;

    /// <summary>The request FIFO of the listener at <paramref name="peerAddress"/>: a SIGKILL leaves it, and the survivors remove it.</summary>
    protected override IEnumerable<string> ListenerFilesOf(Address peerAddress) => [FifoNames.RequestPath(FifoDirectory, peerAddress.Port!.Value)];

    /// <summary>A request FIFO is live while some process reads it.</summary>
    protected override bool IsListenerFileLive(string path) => FifoStreamListener.IsLive(path);

    /// <summary>
    /// A FIFO carries no peer credentials, but the kernel does tell which processes hold a file open
    /// (<c>/proc/&lt;pid&gt;/fd</c>): the hello's pid is believed when that process holds this connection's FIFO (the
    /// one we read, which the peer writes), and refused when it does not. When the kernel will not say (a peer of
    /// another user, see allowed-uids), the pid is unknown and the association's end is left to Akka's failure detector.
    /// </summary>
    protected override int? KernelPeerProcessId(Stream connection, TransportHello hello)
    {
        if ((connection as DuplexPipeStream)?.ReadStream is not PipeStream { SafePipeHandle: var readEnd }
            || OpenFileHolders.IdentityOfDescriptor(readEnd.DangerousGetHandle()) is not { } fifo)
        {
            return null;
        }

        return OpenFileHolders.Holds(hello.ProcessId, fifo) switch
        {
            true => hello.ProcessId,
            false => throw new HandshakeException(
                $"the hello claims pid={hello.ProcessId}, but that process does not hold this connection's FIFO: a peer that misstates its process is refused"),
            null => null,
        };
    }

    /// <summary>The claimed address is that process's when it holds the address's request FIFO open (a listener holds its own).</summary>
    protected override Task<bool> ListenerBelongsToAsync(Address claimed, int processId, CancellationToken cancellationToken) =>
        Task.FromResult(
            IsLocalAddressOfThisScheme(claimed)
            && OpenFileHolders.IdentityOf(FifoNames.RequestPath(FifoDirectory, claimed.Port!.Value)) is { } request
            && OpenFileHolders.Holds(processId, request) == true);

    /// <inheritdoc />
    protected override Task<IStreamListener> BindAsync(CancellationToken cancellationToken)
    {
        RuntimeDirectory.EnsureCreated(FifoDirectory);
        FifoStreamListener.ReclaimStale(FifoDirectory, Log);
        var listener = ListenerId.Bind(
            StreamSettings.Port,
            id => FifoStreamListener.TryBind(FifoDirectory, id, new Address(SchemeIdentifier, System.Name, MachineHost, id), Security, Log),
            FifoDirectory);
        return Task.FromResult<IStreamListener>(listener);
    }

    /// <inheritdoc />
    protected override Task<Stream> ConnectAsync(Address remoteAddress, CancellationToken cancellationToken)
    {
        var id = ThisMachine.PortOf(remoteAddress, MachineHost, Scheme);
        return FifoConnector.ConnectAsync(FifoDirectory, id, Log, cancellationToken, Security.SocketFileMode);
    }
}
