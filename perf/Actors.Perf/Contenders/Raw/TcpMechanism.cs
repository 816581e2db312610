using System.Net;
using System.Net.Sockets;

namespace Actors.Perf.Contenders.Raw;

/// <summary>A TCP connection on loopback (no Nagle), one per link.</summary>
public sealed class TcpMechanism : IRawMechanism
{
    public string Name => "tcp";

    public string Description => "bare TCP socket on loopback, NoDelay";

    public string? SkipReason => null;

    public IRawRendezvous Prepare(int links)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(links);
            var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            return new SocketRendezvous(listener, links, port.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<IRawLink>> OpenPartnerEndsAsync(string argument, CancellationToken cancellationToken)
    {
        var (links, port) = RawArgument.Split(argument);
        return SocketRendezvous.ConnectAsync(new IPEndPoint(IPAddress.Loopback, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)), links, cancellationToken);
    }
}
