using System.Text;
using Actors.Remote.Platform;

namespace Actors.Remote.Handshake;

/// <summary>
/// Runs the transport-level hello over a freshly connected duplex stream: the one place where a peer
/// is let in or refused, for every transport.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>When the stream is a Unix-domain socket (uds, named pipes on Linux, a control socket), the
/// peer's user id as the kernel recorded it (SO_PEERCRED) must be an allowed one; else nothing is sent.</item>
/// <item>Both sides send their hello at once and then read the peer's, so the exchange costs one round
/// trip whichever side connected.</item>
/// <item>With a shared secret, each side then sends its <see cref="SecretProof"/> and checks the peer's:
/// a second round trip. A side without a secret refuses a peer that offers a proof, and the reverse.</item>
/// </list>
/// Any failure is a <see cref="HandshakeException"/> that says why; no Akka byte has flowed by then.
/// </remarks>
internal static class Handshaker
{
    /// <summary>Exchanges hellos and, when a secret is configured, proofs; returns the peer's hello.</summary>
    /// <exception cref="HandshakeException">The peer is not allowed, not a compatible Actors transport, or was too slow.</exception>
    /// <param name="stream">The freshly connected stream.</param>
    /// <param name="timeout">How long the whole exchange may take: handshake-timeout.</param>
    /// <param name="cancellationToken">Cancelled when the transport shuts down.</param>
    /// <param name="listenAddress">This side's address as Akka writes it, so the peer knows whom it talks to; empty when not listening.</param>
    /// <param name="security">The secret and the allowed user ids; null = <see cref="SecuritySettings.Default"/>.</param>
    /// <param name="role">Which end this side is; required when <paramref name="security"/> has a secret.</param>
    /// <param name="flags">Flags this side's hello carries beside the secret's (<see cref="TransportHello.LaneFlag"/>).</param>
    /// <exception cref="ArgumentException">A secret is configured and <paramref name="role"/> is unspecified.</exception>
    public static async Task<TransportHello> ExchangeAsync(
        Stream stream,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string listenAddress = "",
        SecuritySettings? security = null,
        HandshakeRole role = HandshakeRole.Unspecified,
        ushort flags = 0)
    {
        security ??= SecuritySettings.Default;
        if (security.RequiresSecret && role == HandshakeRole.Unspecified)
        {
            throw new ArgumentException("a shared-secret handshake needs this side's role (Connecting or Accepting)", nameof(role));
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        var hello = TransportHello.ForThisProcess(listenAddress, (ushort)(flags | (security.RequiresSecret ? TransportHello.SecretProofFlag : 0)));
        var address = hello.EncodeAddress();
        var outgoing = new byte[TransportHello.EncodedLength + address.Length];
        hello.Encode(outgoing);
        address.CopyTo(outgoing, TransportHello.EncodedLength);
        var heardPeer = false;
        try
        {
            CheckPeerUser(stream, security);
            await SendAsync(stream, outgoing, peerSpoke: false, deadline.Token).ConfigureAwait(false);
            var (peer, incoming) = await ReceiveHelloAsync(stream, deadline.Token).ConfigureAwait(false);
            heardPeer = true;
            CheckProofAgreement(peer, security);
            if (security.RequiresSecret)
            {
                await ProveAsync(stream, security, role, outgoing, incoming, deadline.Token).ConfigureAwait(false);
            }

            return peer;
        }
        catch (EndOfStreamException)
        {
            throw new HandshakeException("the peer closed the connection in the middle of its hello", reason: HandshakeRefusal.Closed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HandshakeException($"the peer did not finish the hello within handshake-timeout={timeout.TotalMilliseconds:0} ms", reason: HandshakeRefusal.Timeout);
        }
        catch (IOException e) when (e is not HandshakeException)
        {
            // A reset before the peer's first byte is how a liveness probe often ends.
            throw new HandshakeException($"the connection failed during the hello: {e.Message}", e, peerSentNothing: !heardPeer, reason: HandshakeRefusal.Closed);
        }
    }

    private static void CheckPeerUser(Stream stream, SecuritySettings security)
    {
        var peer = PeerCredentials.Of(stream);
        if (peer is { } credentials && !security.AllowsUser(credentials.UserId))
        {
            throw new HandshakeException(
                $"peer process {credentials.ProcessId} runs as uid={credentials.UserId}, which is not allowed " +
                $"(allowed-uids: {string.Join(", ", security.AllowedUserIds.Order())})", reason: HandshakeRefusal.Uid);
        }
    }

    /// <summary>Reads the peer's hello; returns it with its bytes as they travelled (the proof covers them).</summary>
    private static async Task<(TransportHello Hello, byte[] Bytes)> ReceiveHelloAsync(Stream stream, CancellationToken cancellationToken)
    {
        var fixedPart = new byte[TransportHello.EncodedLength];
        var read = await stream.ReadAtLeastAsync(fixedPart, fixedPart.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < fixedPart.Length)
        {
            throw new HandshakeException(
                read == 0
                    ? "the peer closed the connection without a word (a liveness probe or a port scan)"
                    : $"the peer closed the connection during the hello after {read} of {fixedPart.Length} bytes",
                peerSentNothing: read == 0);
        }

        var peer = TransportHello.Decode(fixedPart, out var addressLength);
        var bytes = new byte[fixedPart.Length + addressLength];
        fixedPart.CopyTo(bytes, 0);
        await stream.ReadExactlyAsync(bytes.AsMemory(fixedPart.Length), cancellationToken).ConfigureAwait(false);
        return (peer with { ListenAddress = Encoding.UTF8.GetString(bytes.AsSpan(fixedPart.Length)) }, bytes);
    }

    private static void CheckProofAgreement(TransportHello peer, SecuritySettings security)
    {
        if (security.RequiresSecret && !peer.OffersSecretProof)
        {
            throw new HandshakeException(
                $"peer process {peer.ProcessId} has no shared secret, and this side requires one (akka.remote.actors.security.secret)", reason: HandshakeRefusal.Secret);
        }

        if (!security.RequiresSecret && peer.OffersSecretProof)
        {
            throw new HandshakeException(
                $"peer process {peer.ProcessId} requires a shared secret, and none is configured on this side (akka.remote.actors.security.secret)", reason: HandshakeRefusal.Secret);
        }
    }

    private static async Task ProveAsync(
        Stream stream, SecuritySettings security, HandshakeRole role, byte[] ownHello, byte[] peerHello, CancellationToken cancellationToken)
    {
        await SendAsync(stream, SecretProof.Compute(security.Secret, role, ownHello, peerHello), peerSpoke: true, cancellationToken).ConfigureAwait(false);
        var received = new byte[SecretProof.Length];
        var read = await stream.ReadAtLeastAsync(received, received.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < received.Length)
        {
            throw new HandshakeException(
                $"the peer closed the connection before its shared-secret proof (after {read} of {received.Length} bytes): it refused ours, so the secrets differ", reason: HandshakeRefusal.Secret);
        }

        var peerRole = role == HandshakeRole.Connecting ? HandshakeRole.Accepting : HandshakeRole.Connecting;
        if (!SecretProof.Matches(SecretProof.Compute(security.Secret, peerRole, peerHello, ownHello), received))
        {
            throw new HandshakeException("the peer's shared-secret proof is wrong: the peer does not know this side's secret", reason: HandshakeRefusal.Secret);
        }
    }

    private static async Task SendAsync(Stream stream, byte[] bytes, bool peerSpoke, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (!peerSpoke)
        {
            // Nothing has been read yet: a peer that is gone before our hello could even leave
            // connected and closed without a word, as a liveness probe does.
            throw new HandshakeException(
                $"the peer closed the connection before the hello (a liveness probe or a port scan): {e.Message}", e, peerSentNothing: true, reason: HandshakeRefusal.Closed);
        }
        catch (IOException e)
        {
            throw new HandshakeException($"the peer closed the connection before our shared-secret proof could leave: it refused us: {e.Message}", e, reason: HandshakeRefusal.Secret);
        }
    }
}
