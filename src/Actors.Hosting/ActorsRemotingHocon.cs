using System.Globalization;
using System.Text;
using Actors.Serialization.Hyperion;

namespace Actors.Hosting;

/// <summary>
/// Writes the HOCON that <see cref="ActorsRemotingOptions"/> stand for, with the key names of <c>reference.conf</c>
/// and the choices of the shipped configs (provider, Hyperion, failure detector).
/// </summary>
public static class ActorsRemotingHocon
{
    /// <summary>The HOCON for <paramref name="options"/>, validated first.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static string Build(ActorsRemotingOptions options)
    {
        options.Validate();
        var (block, transportClass, directoryKeys) = Describe(options.Transport);
        var hocon = new StringBuilder();
        hocon.AppendLine("akka.remote {");
        hocon.AppendLine($"  enabled-transports = [\"akka.remote.actors.{block}\"]");
        hocon.AppendLine($"  actors.{block} {{");
        hocon.AppendLine($"    transport-class = {Quote(transportClass)}");
        hocon.AppendLine($"    port = {options.Port.ToString(CultureInfo.InvariantCulture)}");
        AppendIfSet(hocon, "    hostname", options.Hostname);
        AppendIfSet(hocon, "    public-hostname", options.PublicHostname);
        foreach (var key in directoryKeys)
        {
            AppendIfSet(hocon, $"    {key}", options.RuntimeDirectory);
        }

        if (options.Tls is { } tls)
        {
            AppendTls(hocon, tls);
        }

        hocon.AppendLine("  }");
        hocon.AppendLine($"  actors.lane.enabled = {(options.LaneEnabled ? "on" : "off")}");
        AppendIfSet(hocon, "  actors.lane.socket-directory", options.RuntimeDirectory);
        AppendIfSet(hocon, "  actors.lane.segment-directory", options.RuntimeDirectory);
        AppendIfSet(hocon, "  actors.security.secret", options.Secret);
        AppendIfSet(hocon, "  actors.security.secret-file", options.SecretFile);
        hocon.AppendLine($"  watch-failure-detector.heartbeat-interval = {Milliseconds(options.HeartbeatInterval)}");
        hocon.AppendLine($"  watch-failure-detector.acceptable-heartbeat-pause = {Milliseconds(options.AcceptableHeartbeatPause)}");
        hocon.AppendLine("}");
        if (options.UseHyperion)
        {
            hocon.AppendLine(HyperionSerializerConfig.Hocon);
        }

        return hocon.ToString();
    }

    /// <summary>The cluster HOCON for <paramref name="options"/>, validated first, with the shipped config's downing.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static string BuildCluster(ActorsClusterOptions options)
    {
        options.Validate();
        return $$"""
            akka.cluster {
              seed-nodes = [{{string.Join(", ", options.SeedNodes.Select(Quote))}}]
              roles = [{{string.Join(", ", options.Roles.Select(Quote))}}]
              seed-node-timeout = {{Milliseconds(options.SeedNodeTimeout)}}
              downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
              split-brain-resolver {
                active-strategy = keep-majority
                stable-after = 5 s
                down-all-when-unstable = on
              }
            }
            """;
    }

    /// <summary>A HOCON string literal: quoted, with backslashes and quotes escaped.</summary>
    internal static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static (string Block, string TransportClass, string[] DirectoryKeys) Describe(ActorsTransport transport) => transport switch
    {
        ActorsTransport.Uds => ("uds", "Actors.Remote.Sockets.UnixSocketTransport, Actors.Remote", ["socket-directory"]),
        ActorsTransport.Shm => ("shm", "Actors.Remote.SharedMemory.SharedMemoryTransport, Actors.Remote", ["socket-directory", "segment-directory"]),
        ActorsTransport.Pipe => ("pipe", "Actors.Remote.Pipes.NamedPipeTransport, Actors.Remote", ["pipe-directory"]),
        ActorsTransport.Fifo => ("fifo", "Actors.Remote.Pipes.FifoTransport, Actors.Remote", ["fifo-directory"]),
        ActorsTransport.Tcp => ("tcp", "Actors.Remote.Sockets.TcpTransport, Actors.Remote", []),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "unknown transport"),
    };

    private static void AppendTls(StringBuilder hocon, ActorsTlsOptions tls)
    {
        hocon.AppendLine("    tls {");
        hocon.AppendLine("      enabled = on");
        AppendIfSet(hocon, "      certificate-pfx", tls.CertificatePfx);
        AppendIfSet(hocon, "      certificate-password", tls.CertificatePassword);
        AppendIfSet(hocon, "      certificate-pem", tls.CertificatePem);
        AppendIfSet(hocon, "      private-key-pem", tls.PrivateKeyPem);
        AppendIfSet(hocon, "      trusted-ca-pem", tls.TrustedCaPem);
        hocon.AppendLine($"      require-client-certificate = {(tls.RequireClientCertificate ? "on" : "off")}");
        hocon.AppendLine($"      verify-hostname = {(tls.VerifyHostname ? "on" : "off")}");
        hocon.AppendLine($"      pinned-sha256-thumbprints = [{string.Join(", ", tls.PinnedSha256Thumbprints.Select(Quote))}]");
        hocon.AppendLine("    }");
    }

    private static void AppendIfSet(StringBuilder hocon, string key, string? value)
    {
        if (value is not null)
        {
            hocon.AppendLine($"{key} = {Quote(value)}");
        }
    }

    private static string Milliseconds(TimeSpan value) => $"{value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
}
