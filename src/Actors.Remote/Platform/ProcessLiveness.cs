using System.Globalization;

namespace Actors.Remote.Platform;

/// <summary>Whether a process of this machine is gone, read from <c>/proc</c>.</summary>
internal static class ProcessLiveness
{
    /// <summary>
    /// True when process <paramref name="processId"/> no longer runs: no <c>/proc/&lt;pid&gt;</c>, or a
    /// zombie (it has exited and only waits for its parent to collect its status).
    /// </summary>
    /// <remarks>Without <c>/proc</c> (not Linux) nothing can be confirmed: false.</remarks>
    public static bool IsGone(int processId)
    {
        if (processId <= 0 || !Directory.Exists("/proc/self"))
        {
            return false;
        }

        try
        {
            // "pid (comm) state ...": comm may hold spaces and parentheses, so the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.Length || stat[afterName + 2] is 'Z' or 'X';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException && !Directory.Exists($"/proc/{processId}"))
        {
            // The process went away while we read (ESRCH).
            return true;
        }
    }
}
