using Actors.Remote.Configuration;
using Actors.Remote.Framing;

namespace Actors.Remote.Streams;

/// <summary>
/// The settings every stream transport shares (see the comments in <c>reference.conf</c>).
/// </summary>
/// <param name="Hostname">Where to bind; its meaning is the transport's own.</param>
/// <param name="Port">Where to bind; 0 picks a free one.</param>
/// <param name="PublicHostname">The host written into this system's address; empty means <paramref name="Hostname"/>.</param>
/// <param name="MaximumFrameSize">The largest payload sent or accepted, in bytes.</param>
/// <param name="OutboundBufferSize">Bytes queued per association before <c>Write</c> answers false.</param>
/// <param name="ConnectionTimeout">How long an outbound connect may take.</param>
/// <param name="HandshakeTimeout">How long a peer may take to send its hello.</param>
/// <param name="FlushTimeout">How long a closing association may spend sending what is queued.</param>
internal sealed record StreamTransportSettings(
    string Hostname,
    int Port,
    string PublicHostname,
    int MaximumFrameSize,
    int OutboundBufferSize,
    TimeSpan ConnectionTimeout,
    TimeSpan HandshakeTimeout,
    TimeSpan FlushTimeout)
{
    /// <summary>The smallest frame limit accepted: Akka's own control messages must fit.</summary>
    public const int MinimumFrameSize = 32_000;

    /// <summary>
    /// Null (off, the default): a full outbound buffer makes <c>Write</c> answer false and Akka's endpoint
    /// writer buffers above us without bound. Set: the bytes queued per association (this replaces
    /// <see cref="OutboundBufferSize"/>), and a frame that does not fit is accepted and dropped, counted and logged.
    /// </summary>
    public int? OutboundBufferLimit { get; init; }

    /// <summary>The outbound buffer's capacity: the limit when one is set, else the buffer size.</summary>
    internal int OutboundCapacity => OutboundBufferLimit ?? OutboundBufferSize;

    internal static StreamTransportSettings FromConfig(SettingsReader reader)
    {
        var maximumFrameSize = reader.GetByteSize("maximum-frame-size", MinimumFrameSize, int.MaxValue - FrameCodec.HeaderLength);
        var outboundBufferSize = reader.GetByteSize("outbound-buffer-size", 1, int.MaxValue);
        if (outboundBufferSize < maximumFrameSize + FrameCodec.HeaderLength)
        {
            throw reader.Invalid(
                "outbound-buffer-size",
                $"{outboundBufferSize}b",
                $"at least maximum-frame-size + {FrameCodec.HeaderLength}b = {maximumFrameSize + FrameCodec.HeaderLength}b, so the largest frame fits");
        }

        var outboundBufferLimit = reader.GetByteSizeOrOff("outbound-buffer-limit", 1, int.MaxValue);
        if (outboundBufferLimit < maximumFrameSize + FrameCodec.HeaderLength)
        {
            throw reader.Invalid(
                "outbound-buffer-limit",
                $"{outboundBufferLimit}b",
                $"off or at least maximum-frame-size + {FrameCodec.HeaderLength}b = {maximumFrameSize + FrameCodec.HeaderLength}b, so the largest frame fits");
        }

        return new StreamTransportSettings(
            reader.GetString("hostname"),
            reader.GetPort("port"),
            reader.GetString("public-hostname"),
            maximumFrameSize,
            outboundBufferSize,
            reader.GetDuration("connection-timeout"),
            reader.GetDuration("handshake-timeout"),
            reader.GetDuration("flush-timeout"))
        {
            OutboundBufferLimit = outboundBufferLimit,
        };
    }
}
