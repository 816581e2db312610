using System.Runtime.InteropServices;

namespace Actors.Coordination.Native;

internal static partial class Interop
{
    /// <summary>geteuid(2): the effective user id, the owner a lock file of ours must have. It cannot fail.</summary>
    [LibraryImport(Libc, EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();
}
