using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.TestSupport;

/// <summary>
/// Self-signed certificates made at run time (ECDSA P-256, naming 127.0.0.1 and localhost (a pinned thumbprint needs no name)), written
/// as PFX and as a PEM pair into a temporary directory that disposing removes.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public const string PfxPassword = "test-pfx-password";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tls-");

    /// <summary>Writes a fresh certificate under <paramref name="name"/> (name.pfx, name.pem, name.key).</summary>
    public IssuedCertificate Issue(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        var issued = new IssuedCertificate(
            Path.Combine(_directory.FullName, name + ".pfx"),
            Path.Combine(_directory.FullName, name + ".pem"),
            Path.Combine(_directory.FullName, name + ".key"),
            certificate.GetCertHashString(HashAlgorithmName.SHA256));
        File.WriteAllBytes(issued.Pfx, certificate.Export(X509ContentType.Pfx, PfxPassword));
        File.WriteAllText(issued.Pem, certificate.ExportCertificatePem());
        File.WriteAllText(issued.Key, key.ExportPkcs8PrivateKeyPem());
        return issued;
    }

    /// <summary>A file in the temporary directory, for other test inputs (a secret file).</summary>
    public string PathOf(string fileName) => Path.Combine(_directory.FullName, fileName);

    public void Dispose() => _directory.Delete(recursive: true);
}

/// <summary>Where a test certificate was written, and its SHA-256 thumbprint.</summary>
public sealed record IssuedCertificate(string Pfx, string Pem, string Key, string Thumbprint);
