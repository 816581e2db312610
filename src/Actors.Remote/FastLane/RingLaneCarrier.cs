using System.Net.Sockets;
using Actors.Remote.Diagnostics;
using Actors.Remote.Handshake;
using Actors.Remote.SharedMemory;
using Actors.Remote.Sockets;
using Akka.Actor;

namespace Actors.Remote.FastLane;

/// <summary>Lanes in shared-memory rings: a segment offered over the peer's lane listener (<c>lane-&lt;port&gt;.sock</c>), which <see cref="LaneHub"/> binds.</summary>
internal sealed class RingLaneCarrier(LaneHub hub) : ILaneCarrier
{
    public string TransportTag => MetricTags.LaneTransport;

    public int MaximumRecordBytes => hub.Settings.MaximumMessageBytes;

    public async Task<(ILaneSendingLink Link, LanePeer Peer, bool TakesLargeChannel)> OpenAsync(Address remote, Action<string> ended, CancellationToken cancellationToken)
    {
        Socket? socket = null;
        SharedSegment? segment = null;
        try
        {
            socket = await UnixSocketEndpoint.ConnectAsync(hub.ControlSocketPath(remote.Port!.Value), cancellationToken).ConfigureAwait(false);
            var control = new NetworkStream(socket, ownsSocket: false);
            var hello = await Handshaker.ExchangeAsync(
                control, hub.Settings.OpenTimeout, cancellationToken, hub.LocalAddress.ToString(), hub.Security, HandshakeRole.Connecting, TransportHello.LargeChannelFlag).ConfigureAwait(false);
            var peer = await hub.GreetAsync(control, remote, cancellationToken).ConfigureAwait(false);
            segment = await SegmentRendezvous.OfferAsync(control, hub.RingSettings, cancellationToken).ConfigureAwait(false);
            return (new RingLaneLink(segment, socket, hub.RingSettings, hub.Settings.WaitStrategy, ended), peer, hello.AcceptsLargeChannel);
        }
        catch
        {
            socket?.Dispose();
            segment?.Dispose();
            throw;
        }
    }
}
