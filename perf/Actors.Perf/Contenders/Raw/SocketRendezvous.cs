using System.Net.Sockets;

namespace Actors.Perf.Contenders.Raw;

/// <summary>A listening socket the partner connects to once per link (Unix-domain or TCP).</summary>
public sealed class SocketRendezvous(Socket listener, int links, string value, IDisposable? scratch) : IRawRendezvous
{
    public string PartnerArgument { get; } = RawArgument.Join(links, value);

    public void AfterPartnerStarted()
    {
    }

    public async Task<IReadOnlyList<IRawLink>> OpenDriverEndsAsync(CancellationToken cancellationToken)
    {
        var opened = new List<IRawLink>();
        for (var i = 0; i < links; i++)
        {
            opened.Add(Link(await listener.AcceptAsync(cancellationToken)));
        }

        return opened;
    }

    public ValueTask DisposeAsync()
    {
        listener.Dispose();
        scratch?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The partner's side: connects <paramref name="links"/> times to <paramref name="endPoint"/>.</summary>
    public static async Task<IReadOnlyList<IRawLink>> ConnectAsync(
        System.Net.EndPoint endPoint, int links, CancellationToken cancellationToken)
    {
        var opened = new List<IRawLink>();
        for (var i = 0; i < links; i++)
        {
            var protocol = endPoint.AddressFamily == AddressFamily.Unix ? ProtocolType.Unspecified : ProtocolType.Tcp;
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, protocol);
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken);
                opened.Add(Link(socket));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        return opened;
    }

    private static StreamRawLink Link(Socket socket)
    {
        if (socket.AddressFamily != AddressFamily.Unix)
        {
            socket.NoDelay = true;
        }

        return new StreamRawLink(new NetworkStream(socket, ownsSocket: true));
    }
}
