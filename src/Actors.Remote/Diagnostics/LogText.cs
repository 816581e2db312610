using System.Globalization;
using System.Text;

namespace Actors.Remote.Diagnostics;

/// <summary>
/// Makes bytes or text a peer controls safe to put in a log line: every byte outside printable ASCII
/// (and the backslash itself) becomes <c>\xNN</c>, and the result is capped, so a peer can neither break
/// a log line, forge another, send terminal escapes nor flood the log.
/// </summary>
internal static class LogText
{
    /// <summary>The longest part of the input that is shown; longer input ends with how much was cut.</summary>
    public const int MaximumShownLength = 128;

    /// <summary><paramref name="text"/> as UTF-8, escaped and capped.</summary>
    public static string Escape(string? text) => text is null ? "(null)" : Escape(Encoding.UTF8.GetBytes(text));

    /// <summary><paramref name="bytes"/> escaped and capped.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var shown = bytes[..Math.Min(bytes.Length, MaximumShownLength)];
        var text = new StringBuilder(shown.Length + 16);
        foreach (var b in shown)
        {
            if (b is >= 0x20 and < 0x7F and not (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }
        }

        if (bytes.Length > shown.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"...({bytes.Length - shown.Length} more bytes)");
        }

        return text.ToString();
    }
}
