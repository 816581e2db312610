namespace Actors.Coordination.Native;

internal static partial class Interop
{
    /// <summary>The C library: every native call of this project goes to it.</summary>
    internal const string Libc = "libc";
}
