using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Perf.Contenders.AkkaRemote;

/// <summary>
/// The self-signed certificate both processes of a TLS contender use (mutual TLS, pinned by thumbprint).
/// The driver makes it on first use in a directory of its own (mode 0700: a shared temporary directory
/// would let another user plant a certificate the run then trusts) and names that directory in its
/// environment, which the partners it starts inherit; the directory goes when the driver exits.
/// </summary>
public static class PerfTlsCertificate
{
    private const string Password = "actors-perf";

    /// <summary>The environment variable that names the directory holding the run's certificate.</summary>
    private const string DirectoryVariable = "ACTORS_PERF_TLS_DIRECTORY";

    private const string FileName = "perf-tls.pfx";

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
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } inherited)
        {
            // A partner: the driver that started it made the certificate.
            var made = Path.Combine(inherited, FileName);
            using var existing = X509CertificateLoader.LoadPkcs12FromFile(made, Password);
            return (made, existing.GetCertHashString(HashAlgorithmName.SHA256));
        }

        var directory = Directory.CreateTempSubdirectory("actors-perf-tls-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        // Written before the partners start: each inherits the variable and so the same certificate.
        var path = Path.Combine(directory, FileName);
        var thumbprint = Write(path);
        Environment.SetEnvironmentVariable(DirectoryVariable, directory);
        return (path, thumbprint);
    }

    /// <summary>Writes a new self-signed certificate for loopback to <paramref name="path"/>; its SHA-256 thumbprint.</summary>
    private static string Write(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=actors-perf", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }
}
