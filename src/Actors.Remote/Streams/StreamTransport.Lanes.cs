using Actors.Remote.Handshake;
using Akka.Actor;

namespace Actors.Remote.Streams;

/// <summary>
/// Fast lanes over this transport: a lane is a connection of its own to the peer's listener, beside the
/// classic association, marked by <see cref="TransportHello.LaneFlag"/> in its hello. It passes the same
/// checks as an association (TLS, the peer's user, the secret, the pid the kernel vouches for, the
/// pending-hello limit); then the accepting side hands it to the system's lane instead of to Akka.
/// </summary>
internal abstract partial class StreamTransport
{
    /// <summary>The Akka protocol of this transport's addresses (<c>akka.uds</c>).</summary>
    internal string AkkaProtocol => $"akka.{SchemeIdentifier}";

    /// <summary>Opens a lane connection to the listener of <paramref name="remote"/> (an <c>akka.</c> address); the hello has passed when it returns, with the peer's.</summary>
    internal async Task<(Stream Connection, TransportHello PeerHello)> ConnectLaneAsync(Address remote, CancellationToken cancellationToken)
    {
        var local = LocalAddress ?? throw new InvalidOperationException("a lane was opened before the transport listened");
        var dialed = new Address(SchemeIdentifier, remote.System, remote.Host, remote.Port);
        var stream = await ConnectAsync(dialed, cancellationToken).ConfigureAwait(false);
        try
        {
            var hello = await Handshaker.ExchangeAsync(
                stream, StreamSettings.HandshakeTimeout, cancellationToken, AkkaAddressOf(local), Security, HandshakeRole.Connecting, (ushort)(TransportHello.LaneFlag | LaneHelloFlags)).ConfigureAwait(false);
            await VouchForPeerAsync(stream, hello, dialed).ConfigureAwait(false);
            return (stream, hello);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The lane's flags for this transport's hellos (<see cref="TransportHello.RingLaneFlag"/>), whichever side connects; none while the lane is off.</summary>
    private ushort LaneHelloFlags => StreamLaneRegistry.AcceptorOf(System)?.HelloFlags ?? 0;

    /// <summary>Hands a connection whose hello opened a lane to this system's lane; refused when the lane is off here.</summary>
    private Task AcceptLaneAsync(Stream stream, TransportHello hello) =>
        StreamLaneRegistry.AcceptorOf(System) is { } acceptor
            ? acceptor.AcceptLaneAsync(stream, hello, _shutdown.Token)
            : throw new HandshakeException("a peer opened a fast lane, and this system's lane is off (akka.remote.actors.lane.enabled = off): it stays classic");
}
