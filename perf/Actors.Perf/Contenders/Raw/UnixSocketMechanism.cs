using System.Net.Sockets;

namespace Actors.Perf.Contenders.Raw;

/// <summary>A Unix-domain stream socket, one connection per link.</summary>
public sealed class UnixSocketMechanism : IRawMechanism
{
    public string Name => "uds";

    public string Description => "bare Unix-domain stream socket";

    public string? SkipReason => Socket.OSSupportsUnixDomainSockets ? null : "this OS has no Unix-domain sockets";

    public IRawRendezvous Prepare(int links)
    {
        var scratch = new ScratchDirectory();
        var path = scratch.File("raw.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(links);
            return new SocketRendezvous(listener, links, path, scratch);
        }
        catch
        {
            listener.Dispose();
            scratch.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<IRawLink>> OpenPartnerEndsAsync(string argument, CancellationToken cancellationToken)
    {
        var (links, path) = RawArgument.Split(argument);
        return SocketRendezvous.ConnectAsync(new UnixDomainSocketEndPoint(path), links, cancellationToken);
    }
}
