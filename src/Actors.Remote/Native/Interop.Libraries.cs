namespace Actors.Remote.Native;

internal static partial class Interop
{
    /// <summary>The C library: every native call we make goes to it.</summary>
    internal const string Libc = "libc";
}
