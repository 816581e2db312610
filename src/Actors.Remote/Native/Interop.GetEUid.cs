using System.Runtime.InteropServices;

namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>geteuid(2): the effective user id of this process. It cannot fail.</summary>
    [LibraryImport(Libc, EntryPoint = "geteuid")]
    internal static partial uint GetEUid();
}
