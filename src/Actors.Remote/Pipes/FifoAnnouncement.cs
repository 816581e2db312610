using System.Buffers.Binary;
using System.Text;
using Actors.Remote.Diagnostics;

namespace Actors.Remote.Pipes;

/// <summary>
/// The record a client writes into a listener's request FIFO to ask for a connection.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     magic "AKFI" (4 bytes)                    |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |   protocol version (uint16)   |   token length (uint16)       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            token, ASCII "&lt;pid&gt;-&lt;n&gt;" (1 to 30 bytes) ...         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// Integers are little-endian. The record names only the client's token, never a path: the listener
/// derives both FIFO paths in its own directory (see <see cref="FifoNames"/>).
/// <list type="number">
/// <item>A record is at most <see cref="MaximumEncodedLength"/> bytes, far below PIPE_BUF (at least 512
/// bytes by POSIX, 4096 on Linux), and is written with one write(2): the kernel never interleaves it with
/// another client's record, so any number of clients may announce at once.</item>
/// <item>A reader checks the magic, then the version, then the length, then the token, and refuses the
/// record at the first field that is wrong. After a wrong magic, version or length the framing is lost;
/// the reader skips to the next occurrence of the magic.</item>
/// </list>
/// </remarks>
internal readonly record struct FifoAnnouncement(string Token)
{
    /// <summary>"AKFI" read as a little-endian int32.</summary>
    public const int Magic = 0x49464B41;

    /// <summary>The protocol version this build speaks.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>Bytes before the token.</summary>
    public const int HeaderLength = 8;

    /// <summary>The longest record.</summary>
    public const int MaximumEncodedLength = HeaderLength + FifoNames.MaximumTokenLength;

    /// <summary>POSIX's smallest PIPE_BUF: a write of at most this many bytes to a pipe is atomic everywhere.
    /// A unit test holds <see cref="MaximumEncodedLength"/> below it.</summary>
    public const int PosixPipeBufferMinimum = 512;

    private const int MagicOffset = 0;
    private const int VersionOffset = 4;
    private const int TokenLengthOffset = 6;

    /// <summary>Bytes of this record once encoded.</summary>
    public int EncodedLength => HeaderLength + Token.Length;

    /// <summary>Writes the record into <paramref name="destination"/>; returns its length.</summary>
    /// <exception cref="ArgumentException">The token is not <c>&lt;pid&gt;-&lt;n&gt;</c>.</exception>
    public int Encode(Span<byte> destination)
    {
        if (!FifoNames.IsValidToken(Token))
        {
            throw new ArgumentException($"not a connection token: token={Token}, expected <pid>-<n> in digits");
        }

        BinaryPrimitives.WriteInt32LittleEndian(destination[MagicOffset..], Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[VersionOffset..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[TokenLengthOffset..], (ushort)Token.Length);
        Encoding.ASCII.GetBytes(Token, destination[HeaderLength..]);
        return EncodedLength;
    }

    /// <summary>Reads one record from the front of <paramref name="source"/>.</summary>
    /// <param name="source">Bytes read from the request FIFO, starting at a record boundary.</param>
    /// <param name="announcement">The record, when the result is true.</param>
    /// <param name="consumed">Bytes to drop from the front of <paramref name="source"/>: the record's length,
    /// the bytes to skip after a refused one, or 0 when more bytes are needed.</param>
    /// <param name="error">Why the record was refused; null when it was read or more bytes are needed.</param>
    /// <returns>True when a valid record was read.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> source, out FifoAnnouncement announcement, out int consumed, out string? error)
    {
        announcement = default;
        consumed = 0;
        error = null;
        if (source.Length < sizeof(int))
        {
            return false;
        }

        var magic = BinaryPrimitives.ReadInt32LittleEndian(source[MagicOffset..]);
        if (magic != Magic)
        {
            return Refuse(source, $"not an Actors FIFO announcement: magic=0x{magic:X8}, expected=0x{Magic:X8}", out consumed, out error);
        }

        if (source.Length < HeaderLength)
        {
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[VersionOffset..]);
        if (version != CurrentVersion)
        {
            return Refuse(source, $"unsupported announcement version={version}, supported={CurrentVersion}", out consumed, out error);
        }

        var tokenLength = BinaryPrimitives.ReadUInt16LittleEndian(source[TokenLengthOffset..]);
        if (tokenLength is 0 or > FifoNames.MaximumTokenLength)
        {
            return Refuse(source, $"announcement token length={tokenLength} is out of range, limit={FifoNames.MaximumTokenLength}", out consumed, out error);
        }

        if (source.Length < HeaderLength + tokenLength)
        {
            return false;
        }

        consumed = HeaderLength + tokenLength;
        var tokenBytes = source.Slice(HeaderLength, tokenLength);
        var token = Encoding.ASCII.GetString(tokenBytes);
        if (!Ascii.IsValid(tokenBytes) || !FifoNames.IsValidToken(token))
        {
            error = $"malformed announcement token=\"{LogText.Escape(tokenBytes)}\", expected <pid>-<n> in digits";
            return false;
        }

        announcement = new FifoAnnouncement(token);
        return true;
    }

    // The framing is lost: skip to the next place where a record could start.
    private static bool Refuse(ReadOnlySpan<byte> source, string reason, out int consumed, out string? error)
    {
        Span<byte> magic = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(magic, Magic);
        var next = source[1..].IndexOf(magic);
        if (next >= 0)
        {
            consumed = next + 1;
        }
        else
        {
            // Keep a tail that could be the first bytes of the next record's magic.
            var keep = Math.Min(sizeof(int) - 1, source.Length - 1);
            while (keep > 0 && !source[^keep..].SequenceEqual(magic[..keep]))
            {
                keep--;
            }

            consumed = source.Length - keep;
        }

        error = reason;
        return false;
    }
}
