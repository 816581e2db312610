using Actors.Remote.Configuration;
using Actors.Remote.SharedMemory;

namespace Actors.Remote.FastLane;

/// <summary>The fast lane's settings (<c>akka.remote.actors.lane</c>; see the comments in <c>reference.conf</c>).</summary>
/// <param name="Enabled">Whether user messages to shared-memory peers take the lane.</param>
/// <param name="RingSize">Each lane's ring capacity; a message carries at most an eighth of it.</param>
/// <param name="WaitStrategy">How a lane's reader waits for messages.</param>
/// <param name="PendingLimit">Messages held per lane while its ring is full, before the overflow policy applies.</param>
/// <param name="SocketDirectory">Where lane listeners keep their control sockets.</param>
/// <param name="SegmentDirectory">Where lane segments are created.</param>
/// <param name="OpenTimeout">How long opening a lane may take before its peer is left to the classic path.</param>
public sealed record LaneSettings(
    bool Enabled,
    int RingSize,
    WaitStrategy WaitStrategy,
    int PendingLimit,
    string SocketDirectory,
    string SegmentDirectory,
    TimeSpan OpenTimeout)
{
    /// <summary>Where the settings sit.</summary>
    public const string ConfigPath = "akka.remote.actors.lane";

    /// <summary>The largest message one lane record carries.</summary>
    public int MaximumMessageBytes => RingLayout.MaximumPayload(RingSize);

    internal static LaneSettings FromConfig(SettingsReader reader)
    {
        var ringSize = reader.GetByteSize("ring-size", RingLayout.MinimumCapacity * 8, RingLayout.MaximumCapacity);
        if ((ringSize & (ringSize - 1)) != 0)
        {
            throw reader.Invalid("ring-size", $"{ringSize}b", "a power of two (for example 8 MiB)");
        }

        var pendingLimit = reader.GetByteSize("pending-limit", 0, int.MaxValue);
        return new LaneSettings(
            reader.GetBoolean("enabled"),
            ringSize,
            SharedMemorySettings.ParseWaitStrategy(reader),
            pendingLimit,
            Platform.RuntimeDirectory.Resolve(reader.GetString("socket-directory")),
            SegmentFiles.ResolveDirectory(reader.GetString("segment-directory")),
            reader.GetDuration("open-timeout"));
    }
}
