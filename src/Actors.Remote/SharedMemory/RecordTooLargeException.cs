namespace Actors.Remote.SharedMemory;

/// <summary>A record larger than a ring accepts (an eighth of its capacity) was offered.</summary>
internal sealed class RecordTooLargeException(int payloadLength, int maximumPayload)
    : ArgumentOutOfRangeException(
        "payload",
        $"a ring record carries at most {maximumPayload} bytes (an eighth of ring-size, less its 8-byte header); got {payloadLength}")
{
    /// <summary>The length offered.</summary>
    public int PayloadLength { get; } = payloadLength;

    /// <summary>The most one record carries.</summary>
    public int MaximumPayload { get; } = maximumPayload;
}
