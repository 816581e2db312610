using System.Text;
using Actors.Remote.Diagnostics;
using FsCheck.Xunit;

namespace Actors.Remote.Tests.Diagnostics;

/// <summary>Whatever bytes a peer sends, what reaches a log line is one short line of printable ASCII.</summary>
public sealed class LogTextProperties
{
    // Each shown byte takes at most 4 characters (\xNN), plus the note of what was cut.
    private const int LongestResult = LogText.MaximumShownLength * 4 + 40;

    [Property(MaxTest = 3000)]
    public bool Escape_of_any_bytes_is_printable_ascii_of_bounded_length(byte[] bytes)
    {
        var text = LogText.Escape(bytes ?? []);
        return text.Length <= LongestResult && text.All(c => c is >= ' ' and < (char)0x7F);
    }

    [Property(MaxTest = 1000)]
    public bool Escape_keeps_printable_ascii_other_than_the_backslash_as_it_is(string? text)
    {
        var printable = new string((text ?? "").Where(c => c is >= ' ' and < (char)0x7F and not '\\').Take(LogText.MaximumShownLength).ToArray());
        return LogText.Escape(printable) == printable;
    }

    [Fact]
    public void Escape_turns_control_bytes_escapes_and_the_backslash_into_hex()
    {
        var forged = Encoding.UTF8.GetBytes("seg\u001b[31m\nWARNING forged\\\0é");

        Assert.Equal(@"seg\x1B[31m\x0AWARNING forged\x5C\x00\xC3\xA9", LogText.Escape(forged));
    }

    [Fact]
    public void Escape_caps_long_input_and_says_how_much_was_cut()
    {
        var text = LogText.Escape(new string('a', LogText.MaximumShownLength + 72));

        Assert.Equal(new string('a', LogText.MaximumShownLength) + "...(72 more bytes)", text);
    }
}
