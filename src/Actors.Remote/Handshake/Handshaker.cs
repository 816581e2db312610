using System.Text;

namespace Actors.Remote.Handshake;

/// <summary>
/// Runs the transport-level hello over a freshly connected duplex stream.
/// </summary>
/// <remarks>
/// Both sides send their hello at once and then read the peer's, so the exchange costs one
/// round trip whichever side connected. A peer that sends nothing, too little or the wrong bytes
/// within the timeout is refused with a <see cref="HandshakeException"/> that says why.
/// This is the one place where a later shared-secret proof plugs in.
/// </remarks>
public static class Handshaker
{
    /// <summary>Exchanges hellos; returns the peer's.</summary>
    /// <exception cref="HandshakeException">The peer is not a compatible Actors transport, or was too slow.</exception>
    /// <param name="stream">The freshly connected stream.</param>
    /// <param name="timeout">How long the peer may take: handshake-timeout.</param>
    /// <param name="cancellationToken">Cancelled when the transport shuts down.</param>
    /// <param name="listenAddress">This side's address as Akka writes it, so the peer knows whom it talks to; empty when not listening.</param>
    public static async Task<TransportHello> ExchangeAsync(
        Stream stream, TimeSpan timeout, CancellationToken cancellationToken, string listenAddress = "")
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        var hello = TransportHello.ForThisProcess(listenAddress);
        var address = hello.EncodeAddress();
        var outgoing = new byte[TransportHello.EncodedLength + address.Length];
        hello.Encode(outgoing);
        address.CopyTo(outgoing, TransportHello.EncodedLength);
        var incoming = new byte[TransportHello.EncodedLength];
        var read = 0;
        try
        {
            await SendAsync(stream, outgoing, deadline.Token).ConfigureAwait(false);
            read = await stream.ReadAtLeastAsync(incoming, incoming.Length, throwOnEndOfStream: false, deadline.Token).ConfigureAwait(false);
            if (read < incoming.Length)
            {
                throw new HandshakeException(
                    read == 0
                        ? "the peer closed the connection without a word (a liveness probe or a port scan)"
                        : $"the peer closed the connection during the hello after {read} of {incoming.Length} bytes",
                    peerSentNothing: read == 0);
            }

            var peer = TransportHello.Decode(incoming, out var addressLength);
            var peerAddress = new byte[addressLength];
            await stream.ReadExactlyAsync(peerAddress, deadline.Token).ConfigureAwait(false);
            return peer with { ListenAddress = Encoding.UTF8.GetString(peerAddress) };
        }
        catch (EndOfStreamException)
        {
            throw new HandshakeException("the peer closed the connection in the middle of its listen address");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HandshakeException($"no hello from the peer within handshake-timeout={timeout.TotalMilliseconds:0} ms");
        }
        catch (IOException e) when (e is not HandshakeException)
        {
            // A reset before the peer's first byte is how a liveness probe often ends.
            throw new HandshakeException($"the connection failed during the hello: {e.Message}", e, peerSentNothing: read == 0);
        }
    }

    private static async Task SendAsync(Stream stream, byte[] hello, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(hello, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Nothing has been read yet: a peer that is gone before our hello could even leave
            // connected and closed without a word, as a liveness probe does.
            throw new HandshakeException(
                $"the peer closed the connection before the hello (a liveness probe or a port scan): {e.Message}", e, peerSentNothing: true);
        }
    }
}
