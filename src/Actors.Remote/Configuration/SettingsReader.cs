using Akka.Configuration;

namespace Actors.Remote.Configuration;

/// <summary>
/// Reads one transport section and turns every bad value into a <see cref="ConfigurationException"/>
/// that names the key, the value found and what was expected.
/// </summary>
internal sealed class SettingsReader(Config section, string sectionName)
{
    public string GetString(string key) => Read(key, "a string", () => section.GetString(key) ?? string.Empty);

    public int GetPort(string key)
    {
        var port = Read(key, "a whole number", () => section.GetInt(key));
        return port is >= 0 and <= 65535 ? port : throw Invalid(key, port.ToString(), "a port from 0 to 65535");
    }

    public bool GetBoolean(string key) => Read(key, "on or off", () => section.GetBoolean(key));

    public int GetByteSize(string key, long minimum, long maximum = int.MaxValue)
    {
        var size = Read(key, "a size in bytes such as 256 KiB", () => section.GetByteSize(key))
            ?? throw Invalid(key, "(missing)", "a size in bytes such as 256 KiB");
        return size >= minimum && size <= maximum
            ? (int)size
            : throw Invalid(key, $"{size}b", $"a size from {minimum}b to {maximum}b");
    }

    /// <summary>A size in bytes that may also be <c>off</c> (returned as null): an optional limit.</summary>
    public int? GetByteSizeOrOff(string key, long minimum, long maximum = int.MaxValue)
    {
        var raw = Read(key, "off or a size in bytes such as 16 MiB", () => section.GetString(key) ?? string.Empty);
        return raw.Trim() is "off" or "false" or "no" ? null : GetByteSize(key, minimum, maximum);
    }

    public int GetCount(string key, int minimum)
    {
        var count = Read(key, "a whole number", () => section.GetInt(key));
        return count >= minimum ? count : throw Invalid(key, count.ToString(), $"a whole number of at least {minimum}");
    }

    /// <summary>A count of at least <paramref name="minimum"/>, or null for <c>off</c> (no limit).</summary>
    public int? GetCountOrOff(string key, int minimum)
    {
        var text = Read(key, "a whole number or off", () => section.GetString(key) ?? string.Empty);
        if (text is "off" or "false" or "no")
        {
            return null;
        }

        return int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count >= minimum
            ? count
            : throw Invalid(key, text, $"off, or a whole number of at least {minimum}");
    }

    public IReadOnlyList<uint> GetUserIds(string key)
    {
        var values = Read(key, "a list of user ids such as [1000, 1001]", () => section.GetStringList(key));
        return values.Select(v => uint.TryParse(v, out var uid) ? uid : throw Invalid(key, $"[{string.Join(", ", values)}]", "a list of user ids such as [1000, 1001]")).ToArray();
    }

    /// <summary>An octal file mode such as "0600"; it must give the owner read and write and may give no more than read and write.</summary>
    public UnixFileMode GetFileMode(string key)
    {
        const string expected = "an octal file mode from 0600 to 0666 that lets the owner read and write, such as \"0600\" or \"0660\"";
        var text = GetString(key).Trim();
        int mode;
        try
        {
            mode = text.Length is > 0 and <= 4 && text.All(c => c is >= '0' and <= '7') ? Convert.ToInt32(text, 8) : -1;
        }
        catch (FormatException)
        {
            mode = -1;
        }

        const int ownerReadWrite = 0x180; // 0600
        const int readWriteOnly = 0x1B6; // 0666
        return mode >= 0 && (mode & ownerReadWrite) == ownerReadWrite && (mode & ~readWriteOnly) == 0
            ? (UnixFileMode)mode
            : throw Invalid(key, text, expected);
    }

    public TimeSpan GetDuration(string key)
    {
        var duration = Read(key, "a duration such as 5 s", () => section.GetTimeSpan(key, null, allowInfinite: false));
        return duration > TimeSpan.Zero ? duration : throw Invalid(key, duration.ToString(), "a positive duration such as 5 s");
    }

    public ConfigurationException Invalid(string key, string found, string expected) =>
        new($"{sectionName}.{key} = {found} is not valid: expected {expected}");

    private T Read<T>(string key, string expected, Func<T> read)
    {
        if (!section.HasPath(key))
        {
            throw new ConfigurationException($"{sectionName}.{key} is missing: expected {expected}");
        }

        try
        {
            return read();
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw Invalid(key, RawValue(key), expected);
        }
    }

    private string RawValue(string key)
    {
        try
        {
            return section.GetValue(key)?.ToString() ?? "(empty)";
        }
        catch (Exception)
        {
            return "(unreadable)";
        }
    }
}
