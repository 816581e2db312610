using System.Globalization;
using System.Text;

namespace Actors.Coordination;

/// <summary>
/// Turns a lease or semaphore name into the name of its file: letters, digits, '-' and '_' are kept,
/// every other byte of the name's UTF-8 (and a '.') becomes <c>%XX</c>. So a name can hold what
/// Akka's own lease names hold ("system-singleton-akka://system/user/x") and still never climb out
/// of the directory ('/' and ".." are escaped) nor make a hidden file.
/// </summary>
internal static class LockFileName
{
    /// <summary>The longest file name Linux file systems take (<c>NAME_MAX</c>).</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>The file name for <paramref name="name"/> with <paramref name="extension"/> (".lease", ".semaphore").</summary>
    /// <exception cref="ArgumentException">The name is empty, or too long once escaped.</exception>
    public static string For(string name, string extension)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException("lock name is empty: name=\"\"", nameof(name));
        }

        var escaped = new StringBuilder(name.Length + extension.Length);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        escaped.Append(extension);
        if (escaped.Length > MaxFileNameLength)
        {
            throw new ArgumentException(
                $"lock name is too long for a file name once escaped: name={name}, length={escaped.Length}, limit={MaxFileNameLength}", nameof(name));
        }

        return escaped.ToString();
    }
}
