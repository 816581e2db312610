namespace Actors.Hosting;

/// <summary>TLS for <see cref="ActorsTransport.Tcp"/> (<c>akka.remote.actors.tcp.tls</c>).</summary>
public sealed class ActorsTlsOptions
{
    /// <summary>This side's certificate as a PKCS#12 file; or set <see cref="CertificatePem"/> and <see cref="PrivateKeyPem"/>.</summary>
    public string? CertificatePfx { get; set; }

    /// <summary>The password of <see cref="CertificatePfx"/>.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>This side's certificate as a PEM file (with <see cref="PrivateKeyPem"/>).</summary>
    public string? CertificatePem { get; set; }

    /// <summary>The private key of <see cref="CertificatePem"/>, a PEM file.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Mutual TLS: clients must present a certificate trusted like the server's.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>The CA both sides' certificates chain to; null = the system's trust store.</summary>
    public string? TrustedCaPem { get; set; }

    /// <summary>The exact certificates accepted, by SHA-256 thumbprint (a pin replaces the CA check).</summary>
    public IList<string> PinnedSha256Thumbprints { get; } = [];

    /// <summary>The server's certificate must name the host dialled.</summary>
    public bool VerifyHostname { get; set; } = true;
}
