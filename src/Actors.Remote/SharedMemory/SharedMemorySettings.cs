using Actors.Remote.Configuration;

namespace Actors.Remote.SharedMemory;

/// <summary>The shared-memory transport's own settings (see the comments in <c>reference.conf</c>).</summary>
/// <param name="RingSize">Each ring's capacity in bytes; a power of two.</param>
/// <param name="WaitStrategy">How a reader waits for records.</param>
/// <param name="ParkTimeout">The longest a parked reader sleeps before looking again.</param>
/// <param name="HeartbeatInterval">How often each side moves its heartbeat counter.</param>
/// <param name="StalePeerTimeout">How long the peer's heartbeat may stand still before the association is dropped.</param>
/// <param name="SegmentDirectory">Where segment files are created; both sides must agree.</param>
internal sealed record SharedMemorySettings(
    int RingSize,
    WaitStrategy WaitStrategy,
    TimeSpan ParkTimeout,
    TimeSpan HeartbeatInterval,
    TimeSpan StalePeerTimeout,
    string SegmentDirectory)
{
    internal static SharedMemorySettings FromConfig(SettingsReader reader)
    {
        var ringSize = reader.GetByteSize("ring-size", RingLayout.MinimumCapacity, RingLayout.MaximumCapacity);
        if ((ringSize & (ringSize - 1)) != 0)
        {
            throw reader.Invalid("ring-size", $"{ringSize}b", "a power of two (for example 1 MiB)");
        }

        var heartbeat = reader.GetDuration("heartbeat-interval");
        var stale = reader.GetDuration("stale-peer-timeout");
        if (stale < 2 * heartbeat)
        {
            throw reader.Invalid(
                "stale-peer-timeout",
                $"{stale.TotalMilliseconds:0} ms",
                $"at least twice heartbeat-interval ({heartbeat.TotalMilliseconds:0} ms)");
        }

        return new SharedMemorySettings(
            ringSize,
            ParseWaitStrategy(reader),
            reader.GetDuration("park-timeout"),
            heartbeat,
            stale,
            SegmentFiles.ResolveDirectory(reader.GetString("segment-directory")));
    }

    internal static WaitStrategy ParseWaitStrategy(SettingsReader reader) => reader.GetString("wait-strategy") switch
    {
        "busy-spin" => WaitStrategy.BusySpin,
        "yielding" => WaitStrategy.Yielding,
        "parking" => WaitStrategy.Parking,
        var other => throw reader.Invalid("wait-strategy", other, "busy-spin, yielding or parking"),
    };
}
