namespace Actors.Remote.Framing;

/// <summary>
/// A peer sent bytes that are not a valid frame. The association that carried them is dropped;
/// the process and every other association go on.
/// </summary>
internal sealed class FrameDecodingException : IOException
{
    private FrameDecodingException(string message) : base(message)
    {
    }

    internal static FrameDecodingException NegativeLength(int length) =>
        new($"malformed frame: negative payload length={length}");

    internal static FrameDecodingException TooLarge(int length, int maximumFrameLength) =>
        new($"frame exceeds maximum-frame-size: length={length}, maximum-frame-size={maximumFrameLength}");

    internal static FrameDecodingException Truncated(long bufferedBytes) =>
        new($"stream ended inside a frame: {bufferedBytes} bytes of an incomplete frame were left");
}
