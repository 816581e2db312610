using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>
/// The self-signed certificate both processes of a TLS contender use (mutual TLS, pinned by thumbprint):
/// written once into the temporary directory, where the partner finds the same file the driver wrote.
/// </summary>
public static class PerfTlsCertificate
{
    private const string Password = "actors-perf";

    private static readonly Lazy<(string Path, string Thumbprint)> s_certificate = new(Ensure);

    /// <summary>The tls section's keys in front of the shipped tls.conf: this certificate, pinned, and no secret file.</summary>
    public static string Overrides()
    {
        var (path, thumbprint) = s_certificate.Value;
        return $$"""
            akka.remote.actors.tcp.tls {
              certificate-pfx = "{{path}}"
              certificate-password = "{{Password}}"
              trusted-ca-pem = ""
              require-client-certificate = on
              pinned-sha256-thumbprints = ["{{thumbprint}}"]
            }
            akka.remote.actors.security.secret-file = ""
            """;
    }

    private static (string Path, string Thumbprint) Ensure()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actors-perf-tls-{Environment.UserName}.pfx");
        if (File.Exists(path))
        {
            using var existing = X509CertificateLoader.LoadPkcs12FromFile(path, Password);
            if (existing.NotAfter > DateTime.Now.AddHours(12))
            {
                return (path, existing.GetCertHashString(HashAlgorithmName.SHA256));
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=actors-perf", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        var written = path + $".{Environment.ProcessId}";
        File.WriteAllBytes(written, certificate.Export(X509ContentType.Pfx, Password));
        File.Move(written, path, overwrite: true);
        return (path, certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }
}
