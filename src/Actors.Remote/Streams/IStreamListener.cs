using Akka.Actor;

namespace Actors.Remote.Streams;

/// <summary>A bound listener that hands out connected duplex streams.</summary>
internal interface IStreamListener : IAsyncDisposable
{
    /// <summary>The address this listener makes the system reachable at (raw scheme, no <c>akka.</c> prefix).</summary>
    Address LocalAddress { get; }

    /// <summary>Waits for the next inbound connection.</summary>
    Task<AcceptedStream> AcceptAsync(CancellationToken cancellationToken);
}

/// <summary>An inbound connection, before its hello.</summary>
/// <param name="Stream">The connected duplex stream; the receiver owns it.</param>
/// <param name="RemoteHost">The peer's host when the transport knows one (TCP), else null.</param>
/// <param name="RemotePort">The peer's port when the transport knows one (TCP), else null.</param>
internal sealed record AcceptedStream(Stream Stream, string? RemoteHost, int? RemotePort);
