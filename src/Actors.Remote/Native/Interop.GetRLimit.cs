using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary><c>RLIMIT_NOFILE</c> on Linux (asm-generic: x86-64 and arm64): the descriptors a process may hold.</summary>
    internal const int RLimitNoFile = 7;

    /// <summary><c>struct rlimit</c>: the soft limit the kernel enforces and the hard limit it may be raised to.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        public ulong Soft;
        public ulong Hard;
    }

    [LibraryImport(Libc, EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimitNative(int resource, out RLimit limit);

    /// <summary>The soft limit on this process's open descriptors (<c>ulimit -n</c>), or null when it cannot be read.</summary>
    internal static ulong? DescriptorLimit() =>
        GetRLimitNative(RLimitNoFile, out var limit) == 0 ? limit.Soft : null;
}
