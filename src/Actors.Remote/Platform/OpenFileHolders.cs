using System.Globalization;
using Actors.Remote.Native;

namespace Actors.Remote.Platform;

/// <summary>
/// Whether a process holds a given file open, read from <c>/proc/&lt;pid&gt;/fd</c>: what the kernel can tell about the
/// processes at the ends of a FIFO, which carries no peer credentials.
/// </summary>
internal static class OpenFileHolders
{
    /// <summary>The device and inode of <paramref name="path"/> (links followed); null when it cannot be read.</summary>
    public static (uint Major, uint Minor, ulong Inode)? IdentityOf(string path) =>
        OperatingSystem.IsLinux() && Interop.TryStatXFollowingLinks(path, out var status) == 0
            ? (status.DeviceMajor, status.DeviceMinor, status.Inode)
            : null;

    /// <summary>The device and inode of this process's open descriptor <paramref name="descriptor"/>.</summary>
    public static (uint Major, uint Minor, ulong Inode)? IdentityOfDescriptor(nint descriptor) =>
        IdentityOf(string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{descriptor}"));

    /// <summary>
    /// True when process <paramref name="processId"/> has the file <paramref name="file"/> open; false when it does not
    /// (or does not exist); null when the kernel will not say (its descriptors belong to another user, or no /proc).
    /// </summary>
    public static bool? Holds(int processId, (uint Major, uint Minor, ulong Inode) file)
    {
        if (processId <= 0 || !Directory.Exists("/proc/self/fd"))
        {
            return processId <= 0 ? false : null;
        }

        var descriptors = string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/fd");
        try
        {
            foreach (var descriptor in Directory.EnumerateFileSystemEntries(descriptors))
            {
                if (IdentityOf(descriptor) == file)
                {
                    return true;
                }
            }

            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            // The process went away while we looked.
            return Directory.Exists(descriptors) ? null : false;
        }
    }
}
