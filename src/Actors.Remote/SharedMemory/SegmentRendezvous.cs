using System.Buffers.Binary;
using System.Text;
using Actors.Remote.Diagnostics;
using Actors.Remote.Handshake;

namespace Actors.Remote.SharedMemory;

/// <summary>
/// Sets up an association's segment over its control socket, once the hello has passed: the
/// connecting side creates the segment and names it, the accepting side maps it and says yes or
/// why not, and the connecting side then unlinks the file, so a segment never outlives its
/// processes, whatever way they end.
/// </summary>
/// <remarks>
/// Messages: the offer is <c>[int32 name length][UTF-8 file name]</c>, or <c>[int32 -1][int32 reason
/// length][UTF-8 reason]</c> when the connecting side could not create a segment; the answer is
/// <c>[byte 1 = mapped, 0 = refused][int32 reason length][UTF-8 reason]</c>. Only a bare file name
/// of ours is accepted, looked up in this side's own segment directory, so a peer cannot make us
/// map a file of its choosing elsewhere.
/// </remarks>
internal static class SegmentRendezvous
{
    private const int MaximumNameLength = 256;
    private const int MaximumReasonLength = 1024;

    // Sent as the name's length when the connecting side could not create a segment; the reason follows.
    private const int NoSegment = -1;

    /// <summary>The connecting side: creates a segment, offers it, and returns it once the peer has mapped it.</summary>
    public static async Task<SharedSegment> OfferAsync(Stream control, SharedMemorySettings settings, CancellationToken cancellationToken)
    {
        SharedSegment segment;
        try
        {
            segment = SharedSegment.Create(settings.SegmentDirectory, settings.RingSize);
        }
        catch (IOException e)
        {
            // Tell the peer why no segment comes (a full /dev/shm, no descriptors left), so that its log
            // says so rather than that the connection ended.
            await TellNoSegmentAsync(control, e.Message, cancellationToken).ConfigureAwait(false);
            throw;
        }

        try
        {
            await WriteStringAsync(control, Path.GetFileName(segment.Path), cancellationToken).ConfigureAwait(false);
            var status = new byte[1];
            await control.ReadExactlyAsync(status, cancellationToken).ConfigureAwait(false);
            var reason = await ReadStringAsync(control, MaximumReasonLength, cancellationToken).ConfigureAwait(false);
            if (status[0] != 1)
            {
                throw new HandshakeException($"the peer refused the shared-memory segment: {LogText.Escape(reason)}", reason: HandshakeRefusal.Segment);
            }

            return segment;
        }
        catch (EndOfStreamException e)
        {
            segment.Dispose();
            throw new HandshakeException("the peer closed the control socket before answering the segment offer", e, reason: HandshakeRefusal.Segment);
        }
        catch
        {
            segment.Dispose();
            throw;
        }
        finally
        {
            // Both sides hold their mapping now (or the offer failed): the name has served its purpose.
            File.Delete(segment.Path);
        }
    }

    /// <summary>The accepting side: maps the segment the peer names, after checking it, and answers.</summary>
    /// <param name="control">The connection the peer named the segment on.</param>
    /// <param name="settings">The shared-memory settings the segment is checked against.</param>
    /// <param name="expectedOwner">The uid the segment file must belong to: the peer's.</param>
    /// <param name="cancellationToken">Stops the wait for the peer's offer.</param>
    public static async Task<SharedSegment> AcceptAsync(Stream control, SharedMemorySettings settings, uint expectedOwner, CancellationToken cancellationToken)
    {
        string name;
        try
        {
            var length = await ReadLengthAsync(control, cancellationToken).ConfigureAwait(false);
            if (length == NoSegment)
            {
                var reason = await ReadStringAsync(control, MaximumReasonLength, cancellationToken).ConfigureAwait(false);
                throw new HandshakeException($"the peer could not create a shared-memory segment: {LogText.Escape(reason)}", reason: HandshakeRefusal.Segment);
            }

            name = await ReadBodyAsync(control, length, MaximumNameLength, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new HandshakeException("the peer closed the control socket before offering a segment", e, reason: HandshakeRefusal.Segment);
        }

        SharedSegment segment;
        try
        {
            if (!SegmentFiles.IsSegmentName(name))
            {
                throw new InvalidDataException($"'{LogText.Escape(name)}' is not the name of a segment of ours");
            }

            segment = SharedSegment.Open(Path.Combine(settings.SegmentDirectory, name), expectedOwner, settings.RingSize);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await AnswerAsync(control, mapped: false, e.Message, cancellationToken).ConfigureAwait(false);
            throw new HandshakeException($"refused the peer's shared-memory segment: {e.Message}", e, reason: HandshakeRefusal.Segment);
        }

        try
        {
            await AnswerAsync(control, mapped: true, string.Empty, cancellationToken).ConfigureAwait(false);
            return segment;
        }
        catch
        {
            segment.Dispose();
            throw;
        }
    }

    private static async Task AnswerAsync(Stream control, bool mapped, string reason, CancellationToken cancellationToken)
    {
        await control.WriteAsync(new[] { mapped ? (byte)1 : (byte)0 }, cancellationToken).ConfigureAwait(false);
        await WriteStringAsync(control, Truncate(reason), cancellationToken).ConfigureAwait(false);
    }

    // A quarter of the limit in characters is within it in UTF-8 bytes.
    private static string Truncate(string reason) =>
        Encoding.UTF8.GetByteCount(reason) > MaximumReasonLength ? reason[..(MaximumReasonLength / 4)] : reason;

    private static async Task WriteStringAsync(Stream stream, string value, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var message = new byte[4 + bytes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, bytes.Length);
        bytes.CopyTo(message, 4);
        await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <see cref="NoSegment"/> and why, in place of an offer; a peer that has gone already is no matter.</summary>
    private static async Task TellNoSegmentAsync(Stream control, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var header = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(header, NoSegment);
            await control.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await WriteStringAsync(control, Truncate(reason), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer closed the control socket: it learns nothing, and our own error still stands.
        }
    }

    private static async Task<int> ReadLengthAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        return BinaryPrimitives.ReadInt32LittleEndian(header);
    }

    private static async Task<string> ReadStringAsync(Stream stream, int maximumLength, CancellationToken cancellationToken) =>
        await ReadBodyAsync(stream, await ReadLengthAsync(stream, cancellationToken).ConfigureAwait(false), maximumLength, cancellationToken).ConfigureAwait(false);

    private static async Task<string> ReadBodyAsync(Stream stream, int length, int maximumLength, CancellationToken cancellationToken)
    {
        if (length < 0 || length > maximumLength)
        {
            throw new HandshakeException($"the peer sent a length of {length} where at most {maximumLength} bytes were expected", reason: HandshakeRefusal.Segment);
        }

        var bytes = new byte[length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes);
    }
}
