using Actors.Remote.Configuration;
using Actors.Remote.SharedMemory;

namespace Actors.Remote.FastLane;

/// <summary>The fast lane's settings (<c>akka.remote.actors.lane</c>; see the comments in <c>reference.conf</c>).</summary>
/// <param name="Enabled">Whether user messages to peers on this system's transport take the lane.</param>
/// <param name="RingSize">Each lane's ring capacity; a message carries at most an eighth of it.</param>
/// <param name="WaitStrategy">How a lane's reader waits for messages.</param>
/// <param name="PendingLimit">Messages held per lane while its ring is full before further ones go to dead letters; null (the default) for no limit, as Akka.Remote's endpoint.</param>
/// <param name="DefinitionsLimit">Actors a lane's peer knows by number at once; the least recently used gives its number to a newcomer.</param>
/// <param name="SocketDirectory">Where lane listeners keep their control sockets.</param>
/// <param name="SegmentDirectory">Where lane segments are created.</param>
/// <param name="OpenTimeout">How long opening a lane may take before its peer is left to the classic path.</param>
/// <param name="LargeMessageThreshold">Message records above this many bytes take the lane's large-message channel (opened on first use); null for one channel.</param>
/// <param name="SharedMemory">Whether a lane over a stream transport moves into a shared-memory ring when its peer shares this machine and user (<c>auto</c>), or never (<c>off</c>).</param>
internal sealed record LaneSettings(
    bool Enabled,
    int RingSize,
    WaitStrategy WaitStrategy,
    int? PendingLimit,
    int DefinitionsLimit,
    string SocketDirectory,
    string SegmentDirectory,
    TimeSpan OpenTimeout,
    bool SharedMemory = true,
    int? LargeMessageThreshold = null)
{
    /// <summary>Where the settings sit.</summary>
    public const string ConfigPath = "akka.remote.actors.lane";

    /// <summary>Pairs (sender, recipient) whose last large message a lane's writer remembers, to fence their next small ones.</summary>
    public const int LargeSendersLimit = 4096;

    /// <summary>Small records a lane's reader holds at most while they wait for a large one; it then waits for room.</summary>
    public const int HeldSmallRecordsLimit = 16_384;

    /// <summary>The largest message one lane record carries.</summary>
    public int MaximumMessageBytes => RingLayout.MaximumPayload(RingSize);

    private static bool ParseSharedMemory(SettingsReader reader) =>
        reader.GetString("shared-memory") switch
        {
            "auto" => true,
            "off" => false,
            var other => throw reader.Invalid("shared-memory", other, "auto or off"),
        };

    internal static LaneSettings FromConfig(SettingsReader reader)
    {
        var ringSize = reader.GetByteSize("ring-size", RingLayout.MinimumCapacity * 8, RingLayout.MaximumCapacity);
        if ((ringSize & (ringSize - 1)) != 0)
        {
            throw reader.Invalid("ring-size", $"{ringSize}b", "a power of two (for example 8 MiB)");
        }

        var pendingLimit = reader.GetCountOrOff("pending-limit", 1);
        var definitionsLimit = reader.GetCount("definitions-limit", 2);
        if (definitionsLimit > FastLane.LaneRecords.MaximumDefinitions)
        {
            throw reader.Invalid("definitions-limit", definitionsLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), $"a whole number from 2 to {FastLane.LaneRecords.MaximumDefinitions}");
        }

        return new LaneSettings(
            reader.GetBoolean("enabled"),
            ringSize,
            SharedMemorySettings.ParseWaitStrategy(reader),
            pendingLimit,
            definitionsLimit,
            Platform.RuntimeDirectory.Resolve(reader.GetString("socket-directory")),
            SegmentFiles.ResolveDirectory(reader.GetString("segment-directory")),
            reader.GetDuration("open-timeout"),
            ParseSharedMemory(reader),
            reader.GetByteSizeOrOff("large-message-threshold", 1024));
    }
}
