namespace Actors.Hosting;

/// <summary>
/// What <see cref="ActorsHostingExtensions.WithActorsRemoting"/> configures. Every property has the default of
/// <c>reference.conf</c>; <see cref="Validate"/> names the option that is wrong.
/// </summary>
public sealed class ActorsRemotingOptions
{
    /// <summary>The shortest shared secret accepted, as in <c>akka.remote.actors.security.secret</c>.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>The transport to enable.</summary>
    public ActorsTransport Transport { get; set; } = ActorsTransport.Uds;

    /// <summary>The port (TCP) or listener id (every local transport); 0 = any free one.</summary>
    public int Port { get; set; }

    /// <summary>The name in this system's address (the interface to bind, for TCP); null = the transport's default.</summary>
    public string? Hostname { get; set; }

    /// <summary>The name peers dial when it differs from <see cref="Hostname"/> (NAT, containers).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>User messages to peers take the fast lane, over whichever <see cref="Transport"/> is chosen.</summary>
    public bool LaneEnabled { get; set; }

    /// <summary>The secret both sides prove they know (at least <see cref="MinimumSecretLength"/> characters).</summary>
    public string? Secret { get; set; }

    /// <summary>A file of mode 0600 holding the secret; use instead of <see cref="Secret"/>.</summary>
    public string? SecretFile { get; set; }

    /// <summary>Where socket, FIFO and segment files live; null = <c>$XDG_RUNTIME_DIR/actors</c> or the temp directory.</summary>
    public string? RuntimeDirectory { get; set; }

    /// <summary>TLS for <see cref="ActorsTransport.Tcp"/>; null = plain TCP.</summary>
    public ActorsTlsOptions? Tls { get; set; }

    /// <summary>User messages cross through Actors.Serialization.Hyperion (the shipped configs' choice).</summary>
    public bool UseHyperion { get; set; } = true;

    /// <summary>
    /// Sets <c>akka.actor.provider</c> to ours through Akka.Hosting, so a later <c>WithRemoting()</c> keeps it.
    /// false = the provider comes from elsewhere (your HOCON, or a cluster setup); a Warning at start says when it is not ours.
    /// </summary>
    public bool SetProvider { get; set; } = true;

    /// <summary>How often peers' heartbeats go out for DeathWatch; the shipped configs' 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a silent peer is tolerated before its watchers learn it is gone; the shipped configs' 3 s.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is wrong; returns this.</summary>
    public ActorsRemotingOptions Validate()
    {
        if (!Enum.IsDefined(Transport))
        {
            throw Invalid(nameof(Transport), Transport, $"one of {string.Join(", ", Enum.GetNames<ActorsTransport>())}");
        }

        if (Port is < 0 or > 65535)
        {
            throw Invalid(nameof(Port), Port, "0 to 65535");
        }

        if (Secret is not null && SecretFile is not null)
        {
            throw Invalid(nameof(SecretFile), SecretFile, $"not set together with {nameof(Secret)}");
        }

        if (Secret is not null && Secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException(
                $"invalid Actors remoting option: {nameof(Secret)} length={Secret.Length}, minimum={MinimumSecretLength}", nameof(Secret));
        }

        if (Tls is not null)
        {
            ValidateTls(Tls);
        }

        if (HeartbeatInterval <= TimeSpan.Zero || AcceptableHeartbeatPause <= TimeSpan.Zero)
        {
            throw Invalid(nameof(HeartbeatInterval), $"{HeartbeatInterval}/{AcceptableHeartbeatPause}", "both above zero");
        }

        return this;
    }

    private void ValidateTls(ActorsTlsOptions tls)
    {
        if (Transport != ActorsTransport.Tcp)
        {
            throw Invalid(nameof(Tls), "set", $"only with Transport={ActorsTransport.Tcp}, got Transport={Transport}");
        }

        var pfx = !string.IsNullOrEmpty(tls.CertificatePfx);
        var pem = !string.IsNullOrEmpty(tls.CertificatePem) || !string.IsNullOrEmpty(tls.PrivateKeyPem);
        if (pfx == pem)
        {
            throw Invalid($"{nameof(Tls)}.{nameof(tls.CertificatePfx)}", tls.CertificatePfx ?? "",
                $"exactly one of {nameof(tls.CertificatePfx)} or {nameof(tls.CertificatePem)}+{nameof(tls.PrivateKeyPem)}");
        }

        if (pem && (string.IsNullOrEmpty(tls.CertificatePem) || string.IsNullOrEmpty(tls.PrivateKeyPem)))
        {
            throw Invalid($"{nameof(Tls)}.{nameof(tls.PrivateKeyPem)}", tls.PrivateKeyPem ?? "",
                $"set together with {nameof(tls.CertificatePem)}");
        }
    }

    private static ArgumentException Invalid(string option, object value, string expected) =>
        new($"invalid Actors remoting option: {option}={value}, expected={expected}", option);
}
