namespace Actors.Remote.Diagnostics;

/// <summary>The tag names of the <c>Actors.Remote</c> meter and the tag sets an association reuses for every measurement.</summary>
public static class MetricTags
{
    /// <summary>The local actor system's name.</summary>
    public const string System = "system";

    /// <summary>The transport's scheme: uds, shm, atcp, pipe, fifo, apipe.</summary>
    public const string Transport = "transport";

    /// <summary><see cref="Classic"/> or <see cref="Lane"/>.</summary>
    public const string Path = "path";

    /// <summary>Why a hello was refused.</summary>
    public const string Reason = "reason";

    /// <summary>The peer an outbound lane reaches (ring gauges only).</summary>
    public const string Peer = "peer";

    /// <summary>Frames through Akka.Remote's endpoint and one of our transports.</summary>
    public const string Classic = "classic";

    /// <summary>User messages on the fast lane, past Akka.Remote's endpoint.</summary>
    public const string Lane = "lane";

    /// <summary>The fast lane's transport: shared memory.</summary>
    internal const string LaneTransport = "shm";

    /// <summary>The tags of every measurement of one association: built once, added without allocation.</summary>
    internal static KeyValuePair<string, object?>[] For(string system, string transport, string path) =>
        [new(System, system), new(Transport, transport), new(Path, path)];
}
