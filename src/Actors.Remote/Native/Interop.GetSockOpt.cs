using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary><c>SOL_SOCKET</c> on Linux (asm-generic: x86-64 and arm64).</summary>
    internal const int SolSocket = 1;

    /// <summary><c>SO_PEERCRED</c> on Linux (asm-generic: x86-64 and arm64).</summary>
    internal const int SoPeerCred = 17;

    /// <summary>errno: the descriptor is not a socket (a pipe or a FIFO).</summary>
    internal const int ENotSock = 88;

    /// <summary><c>struct ucred</c>: the credentials the kernel recorded for the peer when it connected.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct UCred
    {
        public int Pid;
        public uint Uid;
        public uint Gid;
    }

    [LibraryImport(Libc, EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSockOptNative(SafeHandle socket, int level, int option, out UCred value, ref int length);

    /// <summary>getsockopt(2) SO_PEERCRED: the peer's pid, uid and gid, or the errno it failed with.</summary>
    internal static int TryGetPeerCredentials(SafeHandle socket, out UCred credentials)
    {
        var value = default(UCred);
        var (_, errno) = RetryOnInterrupt(socket, s =>
        {
            var length = Marshal.SizeOf<UCred>();
            return GetSockOptNative(s, SolSocket, SoPeerCred, out value, ref length);
        });
        credentials = value;
        return errno;
    }
}
