namespace Actors.RingPeer;

/// <summary>The measuring side's view of a peer process, whatever carries the records.</summary>
public interface IRawPeer : IDisposable
{
    /// <summary>The peer's process id.</summary>
    int ProcessId { get; }

    /// <summary>Queues one record (it may wait for room; it never drops).</summary>
    void Send(ReadOnlySpan<byte> payload);

    /// <summary>Makes everything queued visible to the peer and wakes it.</summary>
    void Flush();

    /// <summary>Sends a fence to a sink and returns its report of everything before the fence.</summary>
    SinkReport Fence(TimeSpan timeout)
    {
        Send(ReadOnlySpan<byte>.Empty);
        Flush();
        Span<byte> reply = stackalloc byte[ControlRecords.ReportLength];
        ReceiveOne(reply, timeout);
        return ControlRecords.ReadReport(reply);
    }

    /// <summary>Waits for the next record from the peer and copies it into <paramref name="destination"/>; returns its length.</summary>
    int ReceiveOne(Span<byte> destination, TimeSpan timeout);
}
