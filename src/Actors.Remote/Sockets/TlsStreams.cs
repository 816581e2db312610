using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Remote.Sockets;

/// <summary>Puts TLS over a connected TCP stream, before the hello, with the trust rules of <see cref="TlsSettings"/>.</summary>
internal static class TlsStreams
{
    /// <summary>TLS as the server; the client's certificate is demanded under mutual TLS.</summary>
    /// <exception cref="AuthenticationException">The client is refused; the message says why.</exception>
    public static Task<Stream> AcceptAsync(Stream stream, TlsSettings settings, CancellationToken cancellationToken) =>
        AuthenticateAsync(stream, settings, isServer: true, targetHost: string.Empty, cancellationToken);

    /// <summary>TLS as the client towards <paramref name="host"/>; this side's certificate is offered under mutual TLS.</summary>
    /// <exception cref="AuthenticationException">The server is refused; the message says why.</exception>
    public static Task<Stream> ConnectAsync(Stream stream, TlsSettings settings, string host, CancellationToken cancellationToken) =>
        AuthenticateAsync(stream, settings, isServer: false, host, cancellationToken);

    private static async Task<Stream> AuthenticateAsync(Stream stream, TlsSettings settings, bool isServer, string targetHost, CancellationToken cancellationToken)
    {
        string? refusal = null;
        var ssl = new SocketSslStream(stream, (_, certificate, chain, errors) =>
        {
            refusal = Judge(settings, certificate, errors, peerIsClient: isServer);
            return refusal is null;
        });
        try
        {
            if (isServer)
            {
                await ssl.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificate = settings.Certificate,
                        ClientCertificateRequired = settings.RequireClientCertificate,
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = targetHost,
                        ClientCertificates = [settings.Certificate],
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            var who = isServer ? "client" : "server";
            throw new AuthenticationException(
                refusal is null ? $"TLS with the {who} failed: {e.Message}" : $"TLS: the {who}'s certificate is refused: {refusal}", e);
        }
    }

    /// <summary>Null when the peer's certificate is trusted, else why not.</summary>
    private static string? Judge(TlsSettings settings, X509Certificate? certificate, SslPolicyErrors errors, bool peerIsClient)
    {
        if (certificate is null)
        {
            return peerIsClient && !settings.RequireClientCertificate ? null : "it presented none";
        }

        if (peerIsClient && !settings.RequireClientCertificate)
        {
            return null;
        }

        if (!peerIsClient && settings.VerifyHostname && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"it does not name the host dialled (subject {certificate.Subject})";
        }

        if (settings.PinnedThumbprints.Count > 0)
        {
            var thumbprint = TlsSettings.ThumbprintOf(certificate);
            return settings.PinnedThumbprints.Contains(thumbprint)
                ? null
                : $"its SHA-256 thumbprint {thumbprint} is not among pinned-sha256-thumbprints";
        }

        if (settings.TrustedAuthority is not null)
        {
            return ChainsTo(certificate, settings.TrustedAuthority)
                ? null
                : $"it does not chain to the trusted CA {settings.TrustedAuthority.Subject} (subject {certificate.Subject})";
        }

        var chainErrors = errors & ~SslPolicyErrors.RemoteCertificateNameMismatch;
        return chainErrors == SslPolicyErrors.None ? null : $"{chainErrors} (subject {certificate.Subject}); pin its thumbprint or name its CA in trusted-ca-pem";
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var peer = new X509Certificate2(certificate);
        return chain.Build(peer);
    }
}
