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
    public static async Task<TransportHello> ExchangeAsync(Stream stream, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        var outgoing = new byte[TransportHello.EncodedLength];
        TransportHello.ForThisProcess().Encode(outgoing);
        var incoming = new byte[TransportHello.EncodedLength];
        try
        {
            await SendAsync(stream, outgoing, deadline.Token).ConfigureAwait(false);
            var read = await stream.ReadAtLeastAsync(incoming, incoming.Length, throwOnEndOfStream: false, deadline.Token).ConfigureAwait(false);
            if (read < incoming.Length)
            {
                throw new HandshakeException(
                    read == 0
                        ? "the peer closed the connection without a word (a liveness probe or a port scan)"
                        : $"the peer closed the connection during the hello after {read} of {incoming.Length} bytes",
                    peerSentNothing: read == 0);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HandshakeException($"no hello from the peer within handshake-timeout={timeout.TotalMilliseconds:0} ms");
        }
        catch (IOException e) when (e is not HandshakeException)
        {
            throw new HandshakeException($"the connection failed during the hello: {e.Message}", e);
        }

        return TransportHello.Decode(incoming);
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
