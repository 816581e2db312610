using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Actors.Remote.Configuration;
using Akka.Configuration;

namespace Actors.Remote.Sockets;

/// <summary>
/// TLS for the TCP transport (see <c>akka.remote.actors.tcp.tls</c> in <c>reference.conf</c>): this side's
/// certificate, and how the peer's certificate is trusted.
/// </summary>
/// <param name="Certificate">This side's certificate with its private key: the server's, and the client's under mutual TLS.</param>
/// <param name="RequireClientCertificate">True for mutual TLS: a client without a trusted certificate is refused.</param>
/// <param name="TrustedAuthority">A CA the peer's certificate must chain to; null = the system's trust store.</param>
/// <param name="PinnedThumbprints">SHA-256 thumbprints (upper-case hex) one of which the peer's certificate must have; empty = no pin.</param>
/// <param name="VerifyHostname">True when a server's certificate must name the host that was dialled.</param>
internal sealed record TlsSettings(
    X509Certificate2 Certificate,
    bool RequireClientCertificate,
    X509Certificate2? TrustedAuthority,
    IReadOnlySet<string> PinnedThumbprints,
    bool VerifyHostname)
{
    /// <summary>The TLS settings of the tcp section; null when <c>tls.enabled = off</c>.</summary>
    /// <exception cref="ConfigurationException">A value is missing or wrong, or a file cannot be loaded; the message names it.</exception>
    internal static TlsSettings? FromConfig(SettingsReader reader, Config section, string sectionName)
    {
        if (!reader.GetBoolean("tls.enabled"))
        {
            return null;
        }

        var pins = section.GetStringList("tls.pinned-sha256-thumbprints")
            .Select(p => p.Replace(":", string.Empty).ToUpperInvariant())
            .ToHashSet();
        var authorityPath = reader.GetString("tls.trusted-ca-pem");
        return new TlsSettings(
            LoadCertificate(reader, sectionName),
            reader.GetBoolean("tls.require-client-certificate"),
            authorityPath.Length == 0 ? null : Load(sectionName, "tls.trusted-ca-pem", () => X509CertificateLoader.LoadCertificateFromFile(authorityPath)),
            pins,
            reader.GetBoolean("tls.verify-hostname"));
    }

    /// <summary>The SHA-256 thumbprint of <paramref name="certificate"/> as pinned-sha256-thumbprints lists it.</summary>
    public static string ThumbprintOf(X509Certificate certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static X509Certificate2 LoadCertificate(SettingsReader reader, string sectionName)
    {
        var pfx = reader.GetString("tls.certificate-pfx");
        var pem = reader.GetString("tls.certificate-pem");
        var key = reader.GetString("tls.private-key-pem");
        if (pfx.Length > 0 == pem.Length > 0)
        {
            throw new ConfigurationException(
                $"{sectionName}.tls is enabled: set exactly one of certificate-pfx (with certificate-password) or certificate-pem (with private-key-pem)");
        }

        if (pfx.Length > 0)
        {
            var password = reader.GetString("tls.certificate-password");
            return Load(sectionName, "tls.certificate-pfx", () => X509CertificateLoader.LoadPkcs12FromFile(pfx, password));
        }

        var certificate = Load(sectionName, "tls.certificate-pem", () => X509Certificate2.CreateFromPemFile(pem, key.Length > 0 ? key : null));
        return certificate.HasPrivateKey
            ? certificate
            : throw new ConfigurationException($"{sectionName}.tls.certificate-pem = {pem} has no private key: name it in private-key-pem");
    }

    private static X509Certificate2 Load(string sectionName, string key, Func<X509Certificate2> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ConfigurationException($"{sectionName}.{key} cannot be loaded: {e.Message}");
        }
    }
}
