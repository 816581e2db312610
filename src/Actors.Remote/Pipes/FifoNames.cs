using System.Globalization;
using Actors.Remote.Platform;

namespace Actors.Remote.Pipes;

/// <summary>
/// Every name the FIFO transport gives a file, in one place. All files live in one directory:
/// <list type="bullet">
/// <item><c>fifo-&lt;id&gt;.req</c>: the request FIFO of listener <c>id</c>; clients announce themselves in it.</item>
/// <item><c>fifo-&lt;id&gt;-&lt;token&gt;.c2s</c> and <c>.s2c</c>: one connection's FIFO pair (client to server,
/// server to client), where the token is <c>&lt;client pid&gt;-&lt;n&gt;</c>. They exist only while the
/// connection is being set up; the pid in the name tells whose leftovers they are after a crash.</item>
/// </list>
/// </summary>
internal static class FifoNames
{
    /// <summary>The longest token: a pid (at most 10 digits), a dash, a counter (at most 19 digits).</summary>
    public const int MaximumTokenLength = 30;

    /// <summary>Matches every file of this transport in the directory (and perhaps others: parse the name).</summary>
    public const string FilePattern = "fifo-*";

    private const string Prefix = "fifo-";
    private const string RequestSuffix = ".req";
    private const string ClientToServerSuffix = ".c2s";
    private const string ServerToClientSuffix = ".s2c";

    /// <summary>The request FIFO of listener <paramref name="id"/>.</summary>
    public static string RequestPath(string directory, int id) =>
        Path.Combine(directory, $"{Prefix}{id.ToString(CultureInfo.InvariantCulture)}{RequestSuffix}");

    /// <summary>The FIFO a client writes and the listener reads.</summary>
    public static string ClientToServerPath(string directory, int id, string token) =>
        ConnectionPath(directory, id, token, ClientToServerSuffix);

    /// <summary>The FIFO the listener writes and a client reads.</summary>
    public static string ServerToClientPath(string directory, int id, string token) =>
        ConnectionPath(directory, id, token, ServerToClientSuffix);

    /// <summary>The token of connection <paramref name="sequence"/> of process <paramref name="processId"/>.</summary>
    public static string Token(int processId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{processId}-{sequence}");

    /// <summary>
    /// True when <paramref name="token"/> has the shape <c>&lt;pid&gt;-&lt;n&gt;</c>: a pid without a leading
    /// zero, a dash, a counter, ASCII digits only. Nothing else may reach a file name.
    /// </summary>
    public static bool IsValidToken(ReadOnlySpan<char> token) => TryParseToken(token, out _);

    /// <summary>The listener id of a request FIFO's file name, if it is one.</summary>
    public static bool TryParseRequestFileName(string fileName, out int id)
    {
        id = 0;
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal)
            || !fileName.EndsWith(RequestSuffix, StringComparison.Ordinal)
            || !TryParseNumber(fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - RequestSuffix.Length), 5, out var parsed)
            || parsed > ListenerId.Maximum)
        {
            return false;
        }

        id = (int)parsed;
        return true;
    }

    /// <summary>The pid of the client that created a connection FIFO, from its file name, if it is one.</summary>
    public static bool TryParseConnectionFileName(string fileName, out int clientProcessId)
    {
        clientProcessId = 0;
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal)
            || !(fileName.EndsWith(ClientToServerSuffix, StringComparison.Ordinal) || fileName.EndsWith(ServerToClientSuffix, StringComparison.Ordinal)))
        {
            return false;
        }

        // fifo-<id>-<pid>-<n>.c2s: the id ends at the first dash after the prefix (both suffixes have one length).
        var middle = fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - ClientToServerSuffix.Length);
        var dash = middle.IndexOf('-');
        return dash > 0
            && TryParseNumber(middle[..dash], 5, out _)
            && TryParseToken(middle[(dash + 1)..], out clientProcessId);
    }

    private static string ConnectionPath(string directory, int id, string token, string suffix)
    {
        if (!IsValidToken(token))
        {
            throw new ArgumentException($"not a connection token: token={token}, expected <pid>-<n> in digits", nameof(token));
        }

        return Path.Combine(directory, $"{Prefix}{id.ToString(CultureInfo.InvariantCulture)}-{token}{suffix}");
    }

    private static bool TryParseToken(ReadOnlySpan<char> token, out int processId)
    {
        processId = 0;
        var dash = token.IndexOf('-');
        if (token.Length > MaximumTokenLength
            || dash <= 0
            || !TryParseNumber(token[..dash], 10, out var pid)
            || pid is <= 0 or > int.MaxValue
            || !TryParseNumber(token[(dash + 1)..], 19, out _))
        {
            return false;
        }

        processId = (int)pid;
        return true;
    }

    // Decimal ASCII digits only: no sign, no leading zero (but "0" itself), at most maxDigits.
    private static bool TryParseNumber(ReadOnlySpan<char> digits, int maxDigits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > maxDigits || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
