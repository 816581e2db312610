using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>close(2) of a raw descriptor. Never retried: on Linux the descriptor is gone even when it fails with EINTR.</summary>
    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int descriptor);
}
