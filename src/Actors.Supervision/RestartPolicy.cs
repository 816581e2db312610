namespace Actors.Supervision;

/// <summary>When a peer that ended is started again.</summary>
public enum RestartPolicy
{
    /// <summary>Only after a crash: a signal or a non-zero exit code. A clean exit 0 stops the peer for good.</summary>
    OnCrash,

    /// <summary>After any exit, clean or not.</summary>
    Always,
}
