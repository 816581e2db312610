using Actors.Remote.Handshake;
using Actors.Remote.Tests.Support;
using FsCheck;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.Handshake;

/// <summary>
/// Whatever bytes a peer sends where the hello belongs, the hello yields the peer's hello or a
/// <see cref="HandshakeException"/>: never another exception, and never a hang.
/// </summary>
public sealed class HelloProperties
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Property(MaxTest = 3000)]
    public bool Decode_of_any_bytes_gives_a_hello_or_the_defined_error(byte[] bytes, bool withMagic)
    {
        bytes ??= [];
        if (withMagic && bytes.Length >= 6)
        {
            // Get past the magic and the version so the later fields are tried too.
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), TransportHello.Magic);
            BitConverter.TryWriteBytes(bytes.AsSpan(4, 2), TransportHello.CurrentVersion);
        }

        try
        {
            var hello = TransportHello.Decode(bytes, out var addressLength);
            return addressLength <= TransportHello.MaximumAddressLength && hello.Nonce.Length == TransportHello.NonceLength;
        }
        catch (HandshakeException)
        {
            return true;
        }
    }

    [Property(MaxTest = 200)]
    public bool Exchange_with_a_peer_sending_any_bytes_gives_a_hello_or_the_defined_error(byte[] bytes, bool asValidHello, bool withSecret)
    {
        // One run per case. A run still going at the bound fails the case, and the cancellation ends the
        // run itself (its sockets close) instead of leaving it to hang behind the next cases.
        using var hang = new CancellationTokenSource(Bound);
        try
        {
            return Run(hang.Token).WaitAsync(hang.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (hang.IsCancellationRequested)
        {
            throw new TimeoutException($"the hello exchange did not end: sent={bytes?.Length ?? 0} bytes, bound={Bound.TotalSeconds:0} s");
        }

        async Task<bool> Run(CancellationToken cancellation)
        {
            var (local, peer) = ConnectedPairs.Unix();
            await using var _ = local;
            await using var __ = peer;
            var security = withSecret ? new SecuritySettings("property-test-secret-0123") : SecuritySettings.Default;
            var exchange = Handshaker.ExchangeAsync(local, TimeSpan.FromMilliseconds(500), cancellation, security: security, role: HandshakeRole.Accepting);

            var sent = bytes ?? [];
            if (asValidHello)
            {
                var hello = new byte[TransportHello.EncodedLength];
                TransportHello.ForThisProcess(flags: withSecret ? TransportHello.SecretProofFlag : (ushort)0).Encode(hello);
                sent = [.. hello, .. sent];
            }

            await peer.WriteAsync(sent, cancellation);
            peer.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            try
            {
                await exchange;
                return !withSecret;
            }
            catch (HandshakeException)
            {
                return true;
            }
        }
    }
}
