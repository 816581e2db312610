namespace Actors.TestSupport;

/// <summary>
/// The atcp TLS settings under which systems trust each other by one pinned test certificate: each presents it
/// and accepts only it (mutual TLS, no CA), and no secret file is read. Put in front of the shipped <c>tls.conf</c>.
/// </summary>
public static class PinnedTls
{
    public static string Hocon(IssuedCertificate node) => $$"""
        akka.remote.actors.tcp.tls {
          certificate-pfx = "{{node.Pfx}}"
          certificate-password = "{{TestCertificates.PfxPassword}}"
          trusted-ca-pem = ""
          require-client-certificate = on
          pinned-sha256-thumbprints = ["{{node.Thumbprint}}"]
        }
        akka.remote.actors.security.secret-file = ""
        """;
}
