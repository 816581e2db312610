using System.Security.Authentication;

namespace Actors.Remote.Handshake;

/// <summary>Why a hello failed: the <c>reason</c> tag of <c>actors.remote.handshakes.refused</c>.</summary>
internal static class HandshakeRefusal
{
    /// <summary>The shared secrets differ, or one side has none.</summary>
    public const string Secret = "secret";

    /// <summary>The peer's user is not among allowed-uids.</summary>
    public const string Uid = "uid";

    /// <summary>The hello's pid is not the one the kernel reports.</summary>
    public const string Pid = "pid";

    /// <summary>maximum-pending-handshakes connections were already in their hello.</summary>
    public const string PendingLimit = "pending-limit";

    /// <summary>The peer's bytes are not a hello of ours (magic, version, lengths, address).</summary>
    public const string Malformed = "malformed";

    /// <summary>The hello or the setting up of the link took longer than its timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The peer closed or reset the connection during the hello.</summary>
    public const string Closed = "closed";

    /// <summary>The peer's system incarnation is quarantined.</summary>
    public const string Quarantined = "quarantined";

    /// <summary>The shared-memory segment could not be agreed on or created.</summary>
    public const string Segment = "segment";

    /// <summary>TLS authentication failed.</summary>
    public const string Tls = "tls";

    /// <summary>Anything else.</summary>
    public const string Other = "other";

    /// <summary>The reason <paramref name="failure"/> stands for.</summary>
    internal static string Of(Exception failure) => failure switch
    {
        HandshakeException handshake => handshake.Reason,
        OperationCanceledException => Timeout,
        AuthenticationException => Tls,
        _ when failure.InnerException is { } inner => Of(inner),
        _ => Other,
    };
}
