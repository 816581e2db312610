using System.Runtime.InteropServices;
using Actors.Coordination.Native;

namespace Actors.Coordination.Tests;

public sealed class FileLockDescriptionLayoutSpec
{
    [Fact]
    public void The_struct_flock_mirror_has_the_named_offsets_and_the_Linux_size()
    {
        Assert.Equal(Interop.FileLockDescription.FileLockDescriptionLength, Marshal.SizeOf<Interop.FileLockDescription>());
        Assert.Equal(Interop.FileLockDescription.TypeOffset, (int)Marshal.OffsetOf<Interop.FileLockDescription>(nameof(Interop.FileLockDescription.Type)));
        Assert.Equal(Interop.FileLockDescription.WhenceOffset, (int)Marshal.OffsetOf<Interop.FileLockDescription>(nameof(Interop.FileLockDescription.Whence)));
        Assert.Equal(Interop.FileLockDescription.StartOffset, (int)Marshal.OffsetOf<Interop.FileLockDescription>(nameof(Interop.FileLockDescription.Start)));
        Assert.Equal(Interop.FileLockDescription.LengthOffset, (int)Marshal.OffsetOf<Interop.FileLockDescription>(nameof(Interop.FileLockDescription.Length)));
        Assert.Equal(Interop.FileLockDescription.ProcessIdOffset, (int)Marshal.OffsetOf<Interop.FileLockDescription>(nameof(Interop.FileLockDescription.ProcessId)));
    }
}
